// Per-IP throttling of sign-in attempts: a fixed window counter in Redis (INCR, and EXPIRE set
// once per window in the same MULTI so a crash can never leave a counter without expiry). Every
// attempt takes a slot up front, so parallel guesses cannot slip past the limit; a successful
// sign-in gives its slot back, so an office behind one address is not throttled by its own
// colleagues signing in. If Redis is unavailable the throttle steps aside (the per-account
// lockout in the ledger still applies) and says so in the log.

export interface ThrottlePolicy {
  maxAttempts: number;
  windowSeconds: number;
}

export const DEFAULT_THROTTLE: ThrottlePolicy = { maxAttempts: 20, windowSeconds: 300 };

/** The few Redis commands used (an ioredis client fits), so tests can hand in their own. */
export interface ThrottleMulti {
  incr(key: string): ThrottleMulti;
  decr(key: string): ThrottleMulti;
  expire(key: string, seconds: number, mode: 'NX'): ThrottleMulti;
  exec(): Promise<[Error | null, unknown][] | null>;
}
export interface ThrottleRedis {
  multi(): ThrottleMulti;
}

export type ThrottleVerdict = 'allowed' | 'throttled' | 'unavailable';

export interface SignInThrottle {
  /** takes a slot for this attempt */
  take(ip: string): Promise<ThrottleVerdict>;
  /** gives the slot back after a successful sign-in */
  release(ip: string): Promise<void>;
}

export function redisThrottle(
  redis: ThrottleRedis,
  options: {
    keyPrefix: string;
    policy?: ThrottlePolicy;
    warn: (msg: string, err: unknown) => void;
  },
): SignInThrottle {
  const policy = options.policy ?? DEFAULT_THROTTLE;
  const key = (ip: string) => `${options.keyPrefix}:sign-in:ip:${ip}`;
  return {
    async take(ip) {
      try {
        const replies = await redis
          .multi()
          .incr(key(ip))
          .expire(key(ip), policy.windowSeconds, 'NX')
          .exec();
        const [error, count] = replies?.[0] ?? [new Error('no reply'), null];
        if (error) throw error;
        return Number(count) > policy.maxAttempts ? 'throttled' : 'allowed';
      } catch (error) {
        options.warn('sign-in throttle unavailable; per-account lockout only', error);
        return 'unavailable';
      }
    },
    async release(ip) {
      try {
        // With the expiry again: if the window ended meanwhile, DECR makes a fresh key at -1,
        // which must not outlive one window.
        await redis.multi().decr(key(ip)).expire(key(ip), policy.windowSeconds, 'NX').exec();
      } catch (error) {
        options.warn('sign-in throttle unavailable; slot not given back', error);
      }
    },
  };
}

/**
 * The caller's address as the nearest proxy saw it: the LAST x-forwarded-for entry (appended by
 * the proxy in front of us; earlier entries are whatever the client claimed), then x-real-ip.
 */
export function clientIpOf(headers: Record<string, string | string[] | undefined>): string {
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v.join(',') : v);
  const forwarded = first(headers['x-forwarded-for'])
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const ip = forwarded?.at(-1) ?? first(headers['x-real-ip'])?.trim();
  // Bounded and plain, because it becomes part of a Redis key and an audit snapshot.
  return ip && /^[0-9A-Fa-f:.]{2,45}$/.test(ip) ? ip : 'unknown';
}
