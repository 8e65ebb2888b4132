// An admin gives a member another role. Roles are read fresh per request, so the new role would
// apply at once anyway; the member's sessions still end in the same transaction, so they sign in
// again and see where they now stand (every session: sessions are per person, not per tenant).
// Refused: your own role, and demoting the last admin.
import { z } from 'zod';
import { auditActorOf, recordAudit } from '@/lib/audit';
import { operatorOf, type Actor } from '@/lib/base/actor';
import { ROLES } from '@/lib/base/permissions';
import { tenantDb, type Db, type Role } from '@/lib/db';
import { notFound } from '@/lib/errors';
import { endUserSessions } from '@/lib/identity/user-session';
import {
  assertAnotherAdmin,
  assertNotSelf,
  lockTenantMembers,
  memberSnapshot,
} from './member-guard';

export const changeRoleSchema = z.object({
  userId: z.uuid('unknown member'),
  role: z.enum(ROLES, 'choose a role'),
});

export async function changeRole(
  db: Db,
  tenantId: string,
  input: z.input<typeof changeRoleSchema> & {
    actor: Pick<Actor, 'kind' | 'userId' | 'name' | 'issuerUserId'>;
    requestId?: string | null;
  },
): Promise<{ changed: boolean; role: Role }> {
  const { userId, role } = changeRoleSchema.parse(input);
  return tenantDb(db, tenantId).$transaction(async (tx) => {
    await lockTenantMembers(tx, tenantId);
    const member = await tx.membership.findFirst({
      where: { userId },
      select: { id: true, role: true, user: { select: { email: true, name: true } } },
    });
    // another tenant's member is as unknown here as a made-up id
    if (!member) throw notFound('member');
    assertNotSelf(input.actor, userId, 'change the role of');
    if (member.role === role) return { changed: false, role };
    await assertAnotherAdmin(tx, member.role, role);
    await tx.membership.update({ where: { id: member.id }, data: { role } });
    await endUserSessions(tx, userId);
    await recordAudit(tx, {
      tenantId,
      actor: auditActorOf(operatorOf(input.actor)),
      requestId: input.requestId ?? null,
      event: {
        action: 'member.role_changed',
        objectType: 'user',
        objectId: userId,
        before: memberSnapshot({ ...member.user, role: member.role }),
        after: memberSnapshot({ ...member.user, role }),
      },
    });
    return { changed: true, role };
  });
}
