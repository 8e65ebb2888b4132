// PUT /api/v1/issues/{id}/owner { ownerUserId } — assign a member, or nobody (null).
import { api } from '@/lib/http/api-catalog';
import { defineRoute } from '@/lib/http/route';
import { assignIssue } from '@/lib/issues/issue-changes';

export const PUT = defineRoute(
  api('PUT /api/v1/issues/{id}/owner'),
  ({ actor, ctx, params, body, operator, requestId }) =>
    assignIssue(
      ctx.db,
      actor.tenantId,
      { issueId: params.id, ownerUserId: body.ownerUserId },
      { by: operator, requestId },
    ),
);
