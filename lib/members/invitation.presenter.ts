// What the invitation page shows for a link. Unknown and revoked links read the same ("not
// valid"), so a guessed or withdrawn link tells nothing; used and expired ones say so, because
// the person holding a real link needs to know what to do next.
import type { Db, Role } from '@/lib/db';
import { hashInvitationSecret, isInvitationSecretShaped } from './invitation-token';

export type InvitationView =
  | { state: 'invalid' }
  | { state: 'used' }
  | { state: 'expired' }
  | { state: 'valid'; email: string; role: Role; tenantName: string; existingUser: boolean };

export const INVITATION_MESSAGES = {
  invalid: 'This invitation link is not valid. Ask an admin of your team for a new one.',
  used: 'This invitation has already been used. Sign in with your email and password.',
  expired: 'This invitation has expired. Ask an admin of your team to invite you again.',
} as const;

/** Reads the invitation a link points to; the secret itself is only ever hashed. */
export async function findInvitation(db: Db, secret: string, now = new Date()) {
  if (!isInvitationSecretShaped(secret)) return null;
  return db.invitation
    .findUnique({
      where: { tokenHash: hashInvitationSecret(secret) },
      select: {
        id: true,
        tenantId: true,
        email: true,
        role: true,
        expiresAt: true,
        acceptedAt: true,
        revokedAt: true,
        tenant: { select: { name: true } },
      },
    })
    .then((row) => row && { ...row, expired: row.expiresAt.getTime() <= now.getTime() });
}

export async function invitationView(
  db: Db,
  secret: string,
  now = new Date(),
): Promise<InvitationView> {
  const invitation = await findInvitation(db, secret, now);
  if (!invitation || invitation.revokedAt) return { state: 'invalid' };
  if (invitation.acceptedAt) return { state: 'used' };
  if (invitation.expired) return { state: 'expired' };
  const user = await db.user.findUnique({
    where: { email: invitation.email },
    select: { id: true },
  });
  return {
    state: 'valid',
    email: invitation.email,
    role: invitation.role,
    tenantName: invitation.tenant.name,
    existingUser: user !== null,
  };
}
