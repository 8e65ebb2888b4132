// PUT /api/v1/issues/{id}/snooze { until } — hide until a time; null ends the snooze.
import { api } from '@/lib/http/api-catalog';
import { defineRoute } from '@/lib/http/route';
import { snoozeIssue } from '@/lib/issues/issue-changes';

export const PUT = defineRoute(
  api('PUT /api/v1/issues/{id}/snooze'),
  ({ actor, ctx, params, body, operator, requestId }) =>
    snoozeIssue(
      ctx.db,
      actor.tenantId,
      { issueId: params.id, until: body.until },
      { by: operator, requestId },
    ),
);
