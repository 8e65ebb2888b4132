// Fixed-window counters in Redis, for flood limits (ingest, sign-in): one key per limit and window
// (the window's number is part of the key), INCR and EXPIRE together (one MULTI, or one script
// when a gate decides whether to count at all) so no counter outlives its window. A fixed window
// lets a burst of up to twice the limit through around a window's edge; that is fine for limits
// meant to stop floods, not to meter. The arithmetic is pure and tested on its own; Redis only
// stores the counts.

export interface WindowSpan {
  /** the window's number since the epoch: part of every key, so a new window starts at 0 */
  index: number;
  /** whole seconds until the window ends (at least 1): the Retry-After of a refusal */
  resetsInSeconds: number;
}

export function windowAt(nowMs: number, windowSeconds: number): WindowSpan {
  if (!Number.isInteger(windowSeconds) || windowSeconds < 1)
    throw new Error(`a window is a whole number of seconds >= 1, not ${windowSeconds}`);
  const lengthMs = windowSeconds * 1000;
  const index = Math.floor(nowMs / lengthMs);
  const endsAtMs = (index + 1) * lengthMs;
  return { index, resetsInSeconds: Math.max(1, Math.ceil((endsAtMs - nowMs) / 1000)) };
}

export interface WindowLimit {
  /** names what is counted, e.g. "ingest:conn:acme/commerce"; the window number is appended */
  name: string;
  /** how many per window are allowed */
  max: number;
}

export type WindowVerdict =
  { allowed: true } | { allowed: false; limit: string; retryAfterSeconds: number };

/** Pure: the first limit whose count (after this request) is over its maximum, or allowed. */
export function judge(
  limits: readonly WindowLimit[],
  counts: readonly number[],
  span: WindowSpan,
): WindowVerdict {
  for (const [i, limit] of limits.entries()) {
    const count = counts[i] ?? 0;
    if (count > limit.max)
      return { allowed: false, limit: limit.name, retryAfterSeconds: span.resetsInSeconds };
  }
  return { allowed: true };
}

/** The few Redis commands used; an ioredis client fits. */
export interface WindowMulti {
  incr(key: string): WindowMulti;
  get(key: string): WindowMulti;
  expire(key: string, seconds: number): WindowMulti;
  exec(): Promise<[Error | null, unknown][] | null>;
}
export interface WindowRedis {
  multi(): WindowMulti;
  eval(script: string, numKeys: number, ...args: (string | number)[]): Promise<unknown>;
}

export interface WindowCounter {
  /** counts one more against every limit, then judges them */
  hit(limits: readonly WindowLimit[]): Promise<WindowVerdict>;
  /**
   * In one round trip: judges `gates` without counting them (the counts so far, as if this were one
   * more); only when none refuses, counts one more against every limit and judges those.
   */
  hitUnless(gates: readonly WindowLimit[], limits: readonly WindowLimit[]): Promise<WindowVerdict>;
}

/**
 * KEYS: the gates' keys, then the limits'. ARGV: how many gates, the keys' lifetime in seconds, each
 * gate's maximum. Returns the gates' counts (each plus one) up to the first over its maximum, and
 * only when none is, then the limits' counts after their increment.
 */
const HIT_UNLESS = `
local gates = tonumber(ARGV[1])
local counts = {}
for i = 1, gates do
  counts[i] = tonumber(redis.call('GET', KEYS[i]) or '0') + 1
  if counts[i] > tonumber(ARGV[2 + i]) then return counts end
end
for i = gates + 1, #KEYS do
  counts[i] = redis.call('INCR', KEYS[i])
  redis.call('EXPIRE', KEYS[i], ARGV[2])
end
return counts`;

/**
 * A counter over Redis. Throws when Redis does not answer: the caller decides whether to fail
 * open (ingest, sign-in: the ledger is the source of truth, a limit is a protection).
 */
export function redisWindowCounter(
  redis: WindowRedis,
  options: { keyPrefix: string; windowSeconds: number; now?: () => number },
): WindowCounter {
  const now = options.now ?? Date.now;
  const keyOf = (limit: WindowLimit, span: WindowSpan) =>
    `${options.keyPrefix}:limit:${limit.name}:${span.index}`;
  const countsOf = (replies: [Error | null, unknown][] | null, step: number, n: number) => {
    if (!replies) throw new Error('the Redis transaction was aborted');
    return Array.from({ length: n }, (_, i) => {
      const [error, value] = replies[i * step] ?? [new Error('no reply'), null];
      if (error) throw error;
      return Number(value ?? 0);
    });
  };
  return {
    async hit(limits) {
      const span = windowAt(now(), options.windowSeconds);
      let multi = redis.multi();
      for (const limit of limits) {
        const key = keyOf(limit, span);
        // A little longer than the window: the key is dead once its window number has passed.
        multi = multi.incr(key).expire(key, options.windowSeconds + 1);
      }
      const counts = countsOf(await multi.exec(), 2, limits.length);
      return judge(limits, counts, span);
    },
    async hitUnless(gates, limits) {
      const span = windowAt(now(), options.windowSeconds);
      const keys = [...gates, ...limits].map((limit) => keyOf(limit, span));
      const reply = await redis.eval(
        HIT_UNLESS,
        keys.length,
        ...keys,
        gates.length,
        options.windowSeconds + 1,
        ...gates.map((gate) => gate.max),
      );
      if (!Array.isArray(reply)) throw new Error('unexpected reply from the window script');
      const counts = reply.map(Number);
      const gate = judge(gates, counts.slice(0, gates.length), span);
      return gate.allowed ? judge(limits, counts.slice(gates.length), span) : gate;
    },
  };
}
