// A token bucket for one connection's rate limit. Pure: the caller passes the clock. A connection's
// drain runs as several shards in several processes, so the bucket they share lives in Redis and
// is stepped by one atomic script (rate-limiter-redis.ts) that does exactly what `step` below does;
// a drain without Redis (tests, tools) keeps one in memory (rate-limiter.ts).
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

/** One request to a bucket: hand back `giveBack` unused tokens, then take up to `wanted`. */
export interface BucketRequest {
  ratePerSecond: number;
  burst: number;
  wanted: number;
  giveBack: number;
}

export interface BucketStep {
  bucket: TokenBucket;
  granted: number;
  /** 0 when a whole token is left, else how long until the next one */
  msUntilToken: number;
  /** after this long untouched the bucket is full again: a stored copy may expire then */
  msUntilFull: number;
}

/**
 * What the Redis script does in one atomic step, in the same order: a bucket never seen (or
 * expired) starts full; the rate and burst are the caller's (a changed limit applies from now on,
 * tokens above a lowered burst are dropped, none are minted); refill, hand back, take.
 */
export function step(
  stored: { tokens: number; updatedAtMs: number } | null,
  request: BucketRequest,
  nowMs: number,
): BucketStep {
  const start = stored
    ? {
        ...createBucket(request.ratePerSecond, stored.updatedAtMs, request.burst),
        tokens: Math.min(Math.max(1, request.burst), stored.tokens),
      }
    : createBucket(request.ratePerSecond, nowMs, request.burst);
  const refilled = giveBack(take(start, 0, nowMs).bucket, request.giveBack);
  const { bucket, granted } = take(refilled, request.wanted, nowMs);
  return {
    bucket,
    granted,
    msUntilToken: msUntilToken(bucket, nowMs),
    msUntilFull: Math.ceil(((bucket.burst - bucket.tokens) * 1000) / bucket.ratePerSecond),
  };
}
