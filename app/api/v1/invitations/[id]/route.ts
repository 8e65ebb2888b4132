// DELETE /api/v1/invitations/{id} — revoke a pending invitation (its link stops working).
import { api } from '@/lib/http/api-catalog';
import { defineRoute } from '@/lib/http/route';
import { revokeInvitation } from '@/lib/members/revoke-invitation';

export const DELETE = defineRoute(
  api('DELETE /api/v1/invitations/{id}'),
  async ({ actor, ctx, params, requestId }) => {
    await revokeInvitation(ctx.db, actor.tenantId, { invitationId: params.id, actor, requestId });
    return { id: params.id, revoked: true };
  },
);
