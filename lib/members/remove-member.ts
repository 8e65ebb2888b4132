// An admin removes a member from the tenant: the membership goes, the person's account stays
// (they may belong to other tenants, and the audit log still names them), and every session of the
// person ends in the same transaction (sessions are per person, not per tenant: one in another
// tenant ends too, and they sign in again there). Refused: yourself, and the last admin.
import { z } from 'zod';
import { auditActorOf, recordAudit } from '@/lib/audit';
import { operatorOf, type Actor } from '@/lib/base/actor';
import { tenantDb, type Db } from '@/lib/db';
import { notFound } from '@/lib/errors';
import { endUserSessions } from '@/lib/identity/user-session';
import {
  assertAnotherAdmin,
  assertNotSelf,
  lockTenantMembers,
  memberSnapshot,
} from './member-guard';

export async function removeMember(
  db: Db,
  tenantId: string,
  input: {
    userId: string;
    actor: Pick<Actor, 'kind' | 'userId' | 'name' | 'issuerUserId'>;
    requestId?: string | null;
  },
): Promise<void> {
  const userId = z.uuid('unknown member').parse(input.userId);
  await tenantDb(db, tenantId).$transaction(async (tx) => {
    await lockTenantMembers(tx, tenantId);
    const member = await tx.membership.findFirst({
      where: { userId },
      select: { id: true, role: true, user: { select: { email: true, name: true } } },
    });
    if (!member) throw notFound('member');
    assertNotSelf(input.actor, userId, 'remove');
    await assertAnotherAdmin(tx, member.role, null);
    await tx.membership.delete({ where: { id: member.id } });
    await endUserSessions(tx, userId);
    await recordAudit(tx, {
      tenantId,
      actor: auditActorOf(operatorOf(input.actor)),
      requestId: input.requestId ?? null,
      event: {
        action: 'member.removed',
        objectType: 'user',
        objectId: userId,
        before: memberSnapshot({ ...member.user, role: member.role }),
        after: null,
      },
    });
  });
}
