// DELETE /api/v1/members/{userId}/sessions — sign the member out of every browser.
import { api } from '@/lib/http/api-catalog';
import { defineRoute } from '@/lib/http/route';
import { endMemberSessions } from '@/lib/members/member-access';

export const DELETE = defineRoute(
  api('DELETE /api/v1/members/{userId}/sessions'),
  ({ actor, ctx, params, requestId }) =>
    endMemberSessions(ctx.db, actor.tenantId, { userId: params.userId, actor, requestId }),
);
