// PUT /api/v1/issues/{id}/tags { tags } — replace the issue's tags.
import { api } from '@/lib/http/api-catalog';
import { defineRoute } from '@/lib/http/route';
import { setIssueTags } from '@/lib/issues/issue-changes';

export const PUT = defineRoute(
  api('PUT /api/v1/issues/{id}/tags'),
  ({ actor, ctx, params, body, operator, requestId }) =>
    setIssueTags(
      ctx.db,
      actor.tenantId,
      { issueId: params.id, tags: body.tags },
      { by: operator, requestId },
    ),
);
