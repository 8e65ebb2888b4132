// When a signed-in session ends, decided from two times the session token carries: when the
// person signed in (absolute limit) and when they were last active (idle limit). Pure, so the
// next-auth callback and the tests ask the same function.

export interface SessionLimits {
  idleMs: number;
  maxMs: number;
}

export interface SessionTimes {
  /** epoch ms of the sign-in */
  signedInAt?: unknown;
  /** epoch ms of the last request that refreshed the session cookie */
  lastActiveAt?: unknown;
}

export type SessionVerdict = 'active' | 'idle_expired' | 'absolute_expired' | 'invalid';

const epoch = (v: unknown): number | null =>
  typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : null;

export function sessionVerdict(
  times: SessionTimes,
  now: number,
  limits: SessionLimits,
): SessionVerdict {
  const signedInAt = epoch(times.signedInAt);
  const lastActiveAt = epoch(times.lastActiveAt);
  // A token without the times was issued before they existed (or was forged): sign in again.
  if (signedInAt === null || lastActiveAt === null) return 'invalid';
  // Times from the future mean a clock jump or tampering; refuse rather than extend.
  if (signedInAt > now + 60_000 || lastActiveAt > now + 60_000) return 'invalid';
  if (now - signedInAt >= limits.maxMs) return 'absolute_expired';
  if (now - lastActiveAt >= limits.idleMs) return 'idle_expired';
  return 'active';
}
