// A token bucket for one connection's rate limit. Pure: the caller passes the clock. It lives in
// the memory of the connection's drain, which is unique in the cluster (one drain job per
// connection), so the limit holds across worker processes without a shared counter.
export interface TokenBucket {
  ratePerSecond: number;
  burst: number;
  tokens: number;
  updatedAtMs: number;
}

export function createBucket(
  ratePerSecond: number,
  nowMs: number,
  burst = ratePerSecond,
): TokenBucket {
  const capacity = Math.max(1, burst);
  return { ratePerSecond, burst: capacity, tokens: capacity, updatedAtMs: nowMs };
}

function refill(bucket: TokenBucket, nowMs: number): TokenBucket {
  const elapsed = Math.max(0, nowMs - bucket.updatedAtMs);
  const tokens = Math.min(bucket.burst, bucket.tokens + (elapsed * bucket.ratePerSecond) / 1000);
  return { ...bucket, tokens, updatedAtMs: Math.max(nowMs, bucket.updatedAtMs) };
}

/** Whole tokens available now. */
export function available(bucket: TokenBucket, nowMs: number): number {
  return Math.floor(refill(bucket, nowMs).tokens);
}

/** Takes up to `wanted` whole tokens; returns the new bucket and how many were granted. */
export function take(
  bucket: TokenBucket,
  wanted: number,
  nowMs: number,
): { bucket: TokenBucket; granted: number } {
  const current = refill(bucket, nowMs);
  const granted = Math.max(0, Math.min(Math.floor(current.tokens), Math.floor(wanted)));
  return { bucket: { ...current, tokens: current.tokens - granted }, granted };
}

/** Milliseconds until at least one whole token is available (0 when one is). */
export function msUntilToken(bucket: TokenBucket, nowMs: number): number {
  const current = refill(bucket, nowMs);
  if (current.tokens >= 1) return 0;
  return Math.ceil(((1 - current.tokens) * 1000) / current.ratePerSecond);
}

/** Returns tokens taken for work that did not happen (fewer rows were due than granted). */
export function giveBack(bucket: TokenBucket, tokens: number): TokenBucket {
  return { ...bucket, tokens: Math.min(bucket.burst, bucket.tokens + Math.max(0, tokens)) };
}
