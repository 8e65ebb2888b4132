// POST /api/v1/invitations { email, role } — invite a person; the answer carries the
// one-time link (path), this once, so it is never stored by a cache either.
import { api } from '@/lib/http/api-catalog';
import { defineRoute } from '@/lib/http/route';
import { inviteMember } from '@/lib/members/invite-member';

export const POST = defineRoute(
  api('POST /api/v1/invitations'),
  async ({ actor, ctx, body, requestId }) =>
    Response.json(await inviteMember(ctx.db, actor.tenantId, { ...body, actor, requestId }), {
      status: 201,
      headers: { 'cache-control': 'no-store' },
    }),
);
