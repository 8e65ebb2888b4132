// PATCH /api/v1/sla-rules/{id} — change some fields of an SLA rule.
// DELETE /api/v1/sla-rules/{id} — delete it and its breaches.
import { api } from '@/lib/http/api-catalog';
import { defineRoute } from '@/lib/http/route';
import { deleteSlaRule, updateSlaRule } from '@/lib/sla/sla-rules';

export const PATCH = defineRoute(
  api('PATCH /api/v1/sla-rules/{id}'),
  ({ actor, ctx, params, body, requestId }) =>
    updateSlaRule(ctx.db, actor.tenantId, params.id, body, { actor, requestId }),
);

export const DELETE = defineRoute(
  api('DELETE /api/v1/sla-rules/{id}'),
  ({ actor, ctx, params, requestId }) =>
    deleteSlaRule(ctx.db, actor.tenantId, params.id, { actor, requestId }),
);
