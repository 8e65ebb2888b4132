// The pure half of server-side sessions (lib/identity/user-session.ts): whether a stored session
// still stands for the token that names it, when its last-seen time is worth a write, and how the
// user agent and address a browser sends are kept (bounded, printable) for the person's own list.

export interface StoredSession {
  userId: string;
  lastSeenAt: Date;
  expiresAt: Date;
}

/** 'revoked': no row (signed out, ended everywhere, or ended by a password, role or member change)
 *  or a row of another person; the times mirror the token's own checks (lib/auth/session-expiry.ts). */
export type StoredSessionVerdict = 'active' | 'revoked' | 'absolute_expired' | 'idle_expired';

/** lastSeenAt is written at most this often: one write a minute per session, not one per request. */
export const TOUCH_EVERY_MS = 60_000;

export function storedSessionVerdict(
  row: StoredSession | null,
  userId: string,
  now: number,
  idleMs: number,
): StoredSessionVerdict {
  if (!row || row.userId !== userId) return 'revoked';
  if (now >= row.expiresAt.getTime()) return 'absolute_expired';
  // lastSeenAt lags by up to TOUCH_EVERY_MS: count the idle time from the latest it could be.
  if (now - row.lastSeenAt.getTime() >= idleMs + TOUCH_EVERY_MS) return 'idle_expired';
  return 'active';
}

export function isTouchDue(lastSeenAt: Date, now: number): boolean {
  return now - lastSeenAt.getTime() >= TOUCH_EVERY_MS;
}

export const USER_AGENT_MAX = 300;
export const ADDRESS_MAX = 64;

/** Control characters and lone surrogates out, length bounded: shown back to people, never parsed. */
export function clipClientText(value: string | null | undefined, max: number): string {
  if (!value) return '';
  const printable = value
    // lone surrogate halves first (no u flag: these match code units), then controls and format
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '')
    .replace(/[\p{Cc}\p{Cf}]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (printable.length <= max) return printable;
  // never cut a surrogate pair in half
  const cut = /[\uD800-\uDBFF]/.test(printable.charAt(max - 2)) ? max - 2 : max - 1;
  return `${printable.slice(0, cut)}…`;
}
