// POST /api/v1/issues/{id}/comments { body } — add a comment to the issue's history.
import { api } from '@/lib/http/api-catalog';
import { defineRoute } from '@/lib/http/route';
import { commentOnIssue } from '@/lib/issues/issue-changes';

export const POST = defineRoute(
  api('POST /api/v1/issues/{id}/comments'),
  async ({ actor, ctx, params, body, operator, requestId }) =>
    Response.json(
      await commentOnIssue(
        ctx.db,
        actor.tenantId,
        { issueId: params.id, body: body.body },
        { by: operator, requestId },
      ),
      { status: 201, headers: { 'cache-control': 'no-store' } },
    ),
);
