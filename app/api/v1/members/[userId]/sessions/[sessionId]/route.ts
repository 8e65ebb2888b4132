// DELETE /api/v1/members/{userId}/sessions/{sessionId} — end one of the member's sessions.
import { api } from '@/lib/http/api-catalog';
import { defineRoute } from '@/lib/http/route';
import { endMemberSession } from '@/lib/members/member-sessions';

export const DELETE = defineRoute(
  api('DELETE /api/v1/members/{userId}/sessions/{sessionId}'),
  ({ actor, ctx, params, requestId }) =>
    endMemberSession(ctx.db, actor.tenantId, {
      userId: params.userId,
      sessionId: params.sessionId,
      actor,
      requestId,
    }),
);
