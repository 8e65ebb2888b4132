// POST /api/v1/members/{userId}/password-reset { endSessions? } — a one-time reset link for a
// member, answered this once (never stored by a cache either).
import { api } from '@/lib/http/api-catalog';
import { defineRoute } from '@/lib/http/route';
import { issueMemberPasswordReset } from '@/lib/members/member-access';

export const POST = defineRoute(
  api('POST /api/v1/members/{userId}/password-reset'),
  async ({ actor, ctx, params, body, requestId }) =>
    Response.json(
      await issueMemberPasswordReset(ctx.db, actor.tenantId, {
        userId: params.userId,
        endSessions: body.endSessions,
        actor,
        requestId,
      }),
      { status: 201, headers: { 'cache-control': 'no-store' } },
    ),
);
