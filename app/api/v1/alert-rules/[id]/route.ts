// PATCH /api/v1/alert-rules/{id} — change some fields of an alert rule (not its kind).
// DELETE /api/v1/alert-rules/{id} — delete it and its alert events.
import { alertRuleDeps } from '@/lib/alerts/alert-rule-deps';
import { deleteAlertRule, updateAlertRule } from '@/lib/alerts/alert-rules';
import { api } from '@/lib/http/api-catalog';
import { defineRoute } from '@/lib/http/route';

export const PATCH = defineRoute(
  api('PATCH /api/v1/alert-rules/{id}'),
  ({ actor, ctx, params, body, requestId }) =>
    updateAlertRule(ctx.db, actor.tenantId, params.id, body, alertRuleDeps(ctx), {
      actor,
      requestId,
    }),
);

export const DELETE = defineRoute(
  api('DELETE /api/v1/alert-rules/{id}'),
  ({ actor, ctx, params, requestId }) =>
    deleteAlertRule(ctx.db, actor.tenantId, params.id, { actor, requestId }),
);
