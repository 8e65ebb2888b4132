// People who arrive by single sign-on never chose a password, but users.password_hash is required.
// They get a value that is not a scrypt hash at all ("sso-only$<random>"): verifyPassword parses
// only scrypt$N$r$p$salt$hash and answers false for anything else, before any work, so no
// password can ever match it. The random part keeps two such rows from being equal. An operator's
// password reset (`waybill user reset-password`) replaces it as it would any hash.
import { randomBytes } from 'node:crypto';

const PREFIX = 'sso-only$';

export function unusablePasswordHash(): string {
  return PREFIX + randomBytes(16).toString('base64url');
}

export function isUnusablePasswordHash(stored: string): boolean {
  return stored.startsWith(PREFIX);
}
