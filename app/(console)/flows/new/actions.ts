'use server';

// Creates a flow (admins only) and opens its mapping workbench: a new flow has no mapping
// version yet, and its transactions wait in review until one is active.
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { createFlow } from '@/lib/flows/create-flow';
import type { ActionResult } from '@/lib/http/action-result';
import { defineFormAction } from '@/lib/http/define-action';
import { flowForm } from '../_shared/flow-form-data';

export const createFlowAction = defineFormAction({
  permission: 'mappings.manage',
  doing: 'create flows',
  input: flowForm,
  async run({ ctx, actor, audit, input }): Promise<ActionResult> {
    const created = await createFlow(ctx.db, actor.tenantId, input, {
      actor,
      requestId: audit.requestId,
    });
    // redirect() throws past the wrapper's revalidation: the list is refreshed here
    revalidatePath('/flows');
    redirect(`/flows/${created.id}`);
  },
});
