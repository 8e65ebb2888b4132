'use server';

// A flow's settings (admins only): save the form, retire, delete. Each authorises, parses and
// calls one use case of lib/flows, which checks, writes and audits in one transaction.
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { deleteFlow } from '@/lib/flows/delete-flow';
import { retireFlow } from '@/lib/flows/retire-flow';
import { updateFlow } from '@/lib/flows/update-flow';
import { succeeded, type ActionResult } from '@/lib/http/action-result';
import { defineFormAction } from '@/lib/http/define-action';
import { flowIdForm, flowSettingsForm } from '../../_shared/flow-form-data';

const changedPages = (id: string) => [
  '/flows',
  `/flows/${id}`,
  `/flows/${id}/settings`,
  '/connections',
];

export const saveFlowAction = defineFormAction({
  permission: 'mappings.manage',
  doing: 'change flows',
  input: flowSettingsForm,
  async run({ ctx, actor, audit, input }): Promise<ActionResult> {
    const { id, fields } = input;
    const saved = await updateFlow(ctx.db, actor.tenantId, id, fields, {
      actor,
      requestId: audit.requestId,
      wake: ctx.wake,
    });
    return succeeded(
      saved.changed.length === 0
        ? 'Nothing changed.'
        : `Saved: ${saved.changed.join(', ')} changed. The audit log has the before and after.`,
    );
  },
  revalidate: (input) => changedPages(input.id),
});

export const retireFlowAction = defineFormAction({
  permission: 'mappings.manage',
  doing: 'retire flows',
  input: flowIdForm,
  async run({ ctx, actor, audit, input }): Promise<ActionResult> {
    const retired = await retireFlow(ctx.db, actor.tenantId, input.id, {
      actor,
      requestId: audit.requestId,
    });
    return succeeded(
      retired.changed
        ? `${retired.name} is retired: it takes no new transactions.`
        : `${retired.name} was already retired.`,
    );
  },
  revalidate: (input) => changedPages(input.id),
});

export const deleteFlowAction = defineFormAction({
  permission: 'mappings.manage',
  doing: 'delete flows',
  input: flowIdForm,
  async run({ ctx, actor, audit, input }): Promise<ActionResult> {
    await deleteFlow(ctx.db, actor.tenantId, input.id, { actor, requestId: audit.requestId });
    revalidatePath('/flows');
    redirect('/flows');
  },
});
