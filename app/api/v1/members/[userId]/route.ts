// PATCH /api/v1/members/{userId} { role } — change a member's role.
// DELETE /api/v1/members/{userId} — remove the member from the tenant (the account stays).
import { api } from '@/lib/http/api-catalog';
import { defineRoute } from '@/lib/http/route';
import { changeRole } from '@/lib/members/change-role';
import { removeMember } from '@/lib/members/remove-member';

export const PATCH = defineRoute(
  api('PATCH /api/v1/members/{userId}'),
  ({ actor, ctx, params, body, requestId }) =>
    changeRole(ctx.db, actor.tenantId, {
      userId: params.userId,
      role: body.role,
      actor,
      requestId,
    }),
);

export const DELETE = defineRoute(
  api('DELETE /api/v1/members/{userId}'),
  async ({ actor, ctx, params, requestId }) => {
    await removeMember(ctx.db, actor.tenantId, { userId: params.userId, actor, requestId });
    return { userId: params.userId, removed: true };
  },
);
