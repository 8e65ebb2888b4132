'use server';

// The Settings hub's own form: the tenant's payload retention (lib/retention/retention-setting.ts).
import { payloadRetentionSchema, setPayloadRetention } from '@/lib/retention/retention-setting';
import { succeeded, type ActionResult } from '@/lib/http/action-result';
import { defineFormAction } from '@/lib/http/define-action';

export const setRetention = defineFormAction({
  permission: 'settings.manage',
  doing: 'change how long payloads are kept',
  input: payloadRetentionSchema,
  revalidate: ['/settings'],
  async run({ ctx, actor, operator, audit, input }): Promise<ActionResult> {
    const set = await setPayloadRetention(ctx.db, actor.tenantId, {
      days: input.days,
      actor: operator,
      requestId: audit.requestId,
    });
    if (!set.changed) return succeeded('Nothing changed.');
    return succeeded(
      set.days === null
        ? 'Raw payloads and provider responses are kept forever from now on.'
        : `Raw payloads and provider responses older than ${set.days} days are removed by the next daily run.`,
    );
  },
});
