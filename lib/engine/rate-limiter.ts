// A connection's rate limit as its drain sees it: tokens taken per batch (before the claim, as
// many as the batch may hold) and the unused ones handed back after it. The shards of a
// connection's drain run in several processes, so the worker gives them one bucket in Redis
// (rate-limiter-redis.ts); a drain given no limiter (tests, tools: one process, one drain) keeps
// its own bucket in memory, as every drain did before shards.
import * as buckets from './token-bucket';

export interface RateLimit {
  ratePerSecond: number;
  /** the most tokens the bucket holds: how many calls may go out at once after a quiet spell */
  burst: number;
}

export interface Granted {
  granted: number;
  /** 0 when a token is left; else how long until the next one (wait this long, then ask again) */
  msUntilToken: number;
}

export interface RateLimiter {
  /** takes up to `wanted` whole tokens from the connection's bucket */
  take(connectionId: string, limit: RateLimit, wanted: number): Promise<Granted>;
  /** hands back tokens taken for calls that were not made (fewer rows were due than granted) */
  giveBack(connectionId: string, limit: RateLimit, tokens: number): Promise<void>;
}

/** The connection's configured limit: the burst is one second's worth, as it always was. */
export function rateLimitOf(ratePerSecond: number): RateLimit {
  return { ratePerSecond, burst: ratePerSecond };
}

/** Buckets in this process's memory, one per connection. */
export function memoryRateLimiter(now: () => number = Date.now): RateLimiter {
  const stored = new Map<string, { tokens: number; updatedAtMs: number }>();
  const run = (connectionId: string, request: buckets.BucketRequest) => {
    const result = buckets.step(stored.get(connectionId) ?? null, request, now());
    stored.set(connectionId, result.bucket);
    return result;
  };
  return {
    take(connectionId, limit, wanted) {
      const { granted, msUntilToken } = run(connectionId, { ...limit, wanted, giveBack: 0 });
      return Promise.resolve({ granted, msUntilToken });
    },
    giveBack(connectionId, limit, tokens) {
      run(connectionId, { ...limit, wanted: 0, giveBack: tokens });
      return Promise.resolve();
    },
  };
}
