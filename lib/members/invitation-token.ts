// The secret of an invitation link: 32 random bytes (base64url), handed out once as
// /invite/<secret>. The ledger keeps only its SHA-256, so a copy of the database cannot be turned
// into working links; a 256-bit random secret needs no slow hash or salt.
import { createHash, randomBytes } from 'node:crypto';

export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/** base64url of 32 bytes is always 43 characters of this alphabet. */
const SECRET_SHAPE = /^[A-Za-z0-9_-]{43}$/;

export function newInvitationSecret(): string {
  return randomBytes(32).toString('base64url');
}

export function hashInvitationSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** Cheap check before touching the database: anything else cannot be one of ours. */
export function isInvitationSecretShaped(secret: string): boolean {
  return SECRET_SHAPE.test(secret);
}

export function invitationPath(secret: string): string {
  return `/invite/${secret}`;
}
