// Exponential backoff with full jitter (delay drawn uniformly from [0, min(cap, base * 2^n)]):
// spreads retries of a failed burst instead of synchronising them. A provider's Retry-After is a
// floor: we never come back earlier than it asked.
/** A Retry-After beyond a day is treated as a day: the transaction stays visible and retryable. */
export const MAX_RETRY_AFTER_MS = 24 * 3600_000;

export interface BackoffPolicy {
  baseDelayMs: number;
  maxDelayMs: number;
}

export function backoffDelay(
  attempt: number,
  policy: BackoffPolicy,
  random: () => number = Math.random,
  retryAfterMs?: number,
): number {
  const exponent = Math.min(Math.max(attempt - 1, 0), 30);
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** exponent);
  const jittered = Math.floor(random() * ceiling);
  if (retryAfterMs === undefined || !Number.isFinite(retryAfterMs)) return jittered;
  return Math.max(jittered, Math.min(Math.ceil(retryAfterMs), MAX_RETRY_AFTER_MS));
}
