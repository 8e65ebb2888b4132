// GET /api/v1/members — the Users and roles screen as data: members (role, last sign-in, lock
// state, sessions) and pending invitations.
import { api } from '@/lib/http/api-catalog';
import { defineRoute } from '@/lib/http/route';
import { membersAndInvitations } from '@/lib/members/members.presenter';

export const GET = defineRoute(api('GET /api/v1/members'), ({ actor, ctx }) =>
  membersAndInvitations(ctx.db, actor.tenantId),
);
