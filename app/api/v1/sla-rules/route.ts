// GET /api/v1/sla-rules — SLA rules with flows named and open breach counts.
// POST /api/v1/sla-rules { name, startFlowId?, expectFlowId, withinMinutes, enabled? } — create.
import { api } from '@/lib/http/api-catalog';
import { defineRoute } from '@/lib/http/route';
import { createSlaRule } from '@/lib/sla/sla-rules';
import { listSlaRules } from '@/lib/sla/sla-rules.presenter';

export const GET = defineRoute(api('GET /api/v1/sla-rules'), async ({ actor, ctx }) => {
  const { rules } = await listSlaRules(ctx.db, actor.tenantId);
  return { rules };
});

export const POST = defineRoute(
  api('POST /api/v1/sla-rules'),
  async ({ actor, ctx, body, requestId }) =>
    Response.json(await createSlaRule(ctx.db, actor.tenantId, body, { actor, requestId }), {
      status: 201,
    }),
);
