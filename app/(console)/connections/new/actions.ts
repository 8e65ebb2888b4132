'use server';

// Creates a connection (admins only). Settings come as JSON checked by the adapter's schema;
// credentials and the webhook secret are optional and sealed by the use case, never echoed back.
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { createConnection } from '@/lib/connections/create-connection';
import type { ActionResult } from '@/lib/http/action-result';
import { defineFormAction } from '@/lib/http/define-action';
import {
  jsonField,
  optionalCount,
  secretText,
  text,
  withCredentials,
} from '../_shared/config-form-data';

const newConnection = withCredentials(
  z.object({
    key: text(),
    name: text(),
    provider: text(),
    baseUrl: text(),
    settings: jsonField(),
    rateLimitPerSecond: optionalCount(),
    maxConcurrency: optionalCount(),
    // both optional now: left out when blank, so nothing empty is sealed
    credentials: z
      .record(z.string(), z.string())
      .transform((c) => (Object.keys(c).length > 0 ? c : undefined)),
    webhookSecret: secretText().transform((s) => (s === '' ? undefined : s)),
  }),
);

export const createConnectionAction = defineFormAction({
  permission: 'connections.manage',
  doing: 'create connections',
  input: newConnection,
  async run({ ctx, actor, operator, audit, input }): Promise<ActionResult> {
    const created = await createConnection(ctx.db, actor.tenantId, input, {
      actor: operator,
      audit,
      keyRing: ctx.keyRing,
    });
    // redirect() throws (control flow the wrapper lets through), so run never answers and the
    // wrapper's `revalidate` would not apply: the list is refreshed here, before leaving.
    revalidatePath('/connections');
    redirect(`/connections/${created.id}`);
  },
});
