// POST /api/v1/issues/{id}/state { action, note? } — acknowledge, resolve, ignore or reopen.
import { api } from '@/lib/http/api-catalog';
import { defineRoute } from '@/lib/http/route';
import { changeIssueState } from '@/lib/issues/issue-changes';

export const POST = defineRoute(
  api('POST /api/v1/issues/{id}/state'),
  ({ actor, ctx, params, body, operator, requestId }) =>
    changeIssueState(
      ctx.db,
      actor.tenantId,
      { issueId: params.id, action: body.action, note: body.note },
      { by: operator, requestId },
    ),
);
