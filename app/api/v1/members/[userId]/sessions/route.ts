// GET /api/v1/members/{userId}/sessions — where the member is signed in.
// DELETE /api/v1/members/{userId}/sessions — sign the member out of every browser.
import { api } from '@/lib/http/api-catalog';
import { defineRoute } from '@/lib/http/route';
import { endMemberSessions, listMemberSessions } from '@/lib/members/member-sessions';

export const GET = defineRoute(
  api('GET /api/v1/members/{userId}/sessions'),
  async ({ actor, ctx, params }) => ({
    sessions: await listMemberSessions(ctx.db, actor.tenantId, params.userId),
  }),
);

export const DELETE = defineRoute(
  api('DELETE /api/v1/members/{userId}/sessions'),
  ({ actor, ctx, params, requestId }) =>
    endMemberSessions(ctx.db, actor.tenantId, { userId: params.userId, actor, requestId }),
);
