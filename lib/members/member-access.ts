// What an admin does for a member who cannot get in, or whose account may be in the wrong hands:
// issue a one-time password reset link from the console (the same link `waybill user
// reset-password` prints, lib/identity/password-reset.ts), and sign the member out of every
// browser. Both act only on a member of the admin's own tenant (anyone else is "not found"), and
// never on the admin themselves: their own password and sessions are on /account.
import { z } from 'zod';
import { auditActorOf, recordAudit } from '@/lib/audit';
import { operatorOf, type Actor } from '@/lib/base/actor';
import { tenantDb, type Db } from '@/lib/db';
import { notFound } from '@/lib/errors';
import { issuePasswordReset, type IssuedPasswordReset } from '@/lib/identity/password-reset';
import { endUserSessions } from '@/lib/identity/user-session';
import { assertNotSelf } from './member-guard';

type Admin = Pick<Actor, 'kind' | 'userId' | 'name' | 'issuerUserId'>;

/** The member of this tenant, by id, or "not found" for anyone else. */
async function memberEmail(db: Db, tenantId: string, userId: string): Promise<string> {
  const member = await tenantDb(db, tenantId).membership.findFirst({
    where: { userId },
    select: { user: { select: { email: true } } },
  });
  if (!member) throw notFound('member');
  return member.user.email;
}

export async function issueMemberPasswordReset(
  db: Db,
  tenantId: string,
  input: { userId: string; actor: Admin; requestId?: string | null; endSessions?: boolean },
): Promise<IssuedPasswordReset & { email: string }> {
  const userId = z.uuid('unknown member').parse(input.userId);
  assertNotSelf(input.actor, userId, 'issue a reset link for');
  const email = await memberEmail(db, tenantId, userId);
  const issued = await issuePasswordReset(db, {
    email,
    actor: operatorOf(input.actor),
    requestId: input.requestId ?? null,
    endSessions: input.endSessions ?? false,
  });
  return { ...issued, email };
}

export async function endMemberSessions(
  db: Db,
  tenantId: string,
  input: { userId: string; actor: Admin; requestId?: string | null },
): Promise<{ ended: number }> {
  const userId = z.uuid('unknown member').parse(input.userId);
  assertNotSelf(input.actor, userId, 'sign out');
  return tenantDb(db, tenantId).$transaction(async (tx) => {
    const member = await tx.membership.findFirst({ where: { userId }, select: { id: true } });
    if (!member) throw notFound('member');
    // Sessions are per person, not per tenant (as removing a member ends them all): a session
    // they hold in another tenant ends too, and they sign in again there.
    const ended = await endUserSessions(tx, userId);
    await recordAudit(tx, {
      tenantId,
      actor: auditActorOf(operatorOf(input.actor)),
      requestId: input.requestId ?? null,
      event: {
        action: 'member.sessions_ended',
        objectType: 'user',
        objectId: userId,
        after: { browsersSignedOut: ended },
      },
    });
    return { ended };
  });
}
