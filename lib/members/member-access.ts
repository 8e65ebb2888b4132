// What an admin does for a member who cannot get in: issue a one-time password reset link from
// the console (the same link `waybill user reset-password` prints, lib/identity/password-reset.ts).
// Only for a member of the admin's own tenant (anyone else is "not found"), never for the admin
// themselves: their own password is on /account. Signing a member out: member-sessions.ts.
import { z } from 'zod';
import { operatorOf, type Actor } from '@/lib/base/actor';
import { tenantDb, type Db } from '@/lib/db';
import { notFound } from '@/lib/errors';
import { issuePasswordReset, type IssuedPasswordReset } from '@/lib/identity/password-reset';
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
