// Sign-in throttling: fixed window counters in Redis (INCR, and EXPIRE set once per window in
// the same MULTI so a crash can never leave a counter without expiry), per client address and
// overall. Every attempt takes a slot up front, so parallel guesses cannot slip past the limit; a
// successful sign-in gives its slots back, so an office behind one address is not throttled by its
// own colleagues signing in — and the overall counter counts failures only. An attempt its address
// may not make does not count overall, so one address cannot use up everyone's budget. If Redis
// is unavailable the throttle steps aside (the per-account lockout in the ledger still applies)
// and says so in the log.
import { signInOverallEnv, trustedProxyHops } from '@/lib/env';
import { clientAddressOf, headerGetOf } from '@/lib/base/client-address';

export interface ThrottlePolicy {
  maxAttempts: number;
  windowSeconds: number;
}

export const DEFAULT_THROTTLE: ThrottlePolicy = { maxAttempts: 20, windowSeconds: 300 };

/** The overall ceiling from SIGN_IN_OVERALL_* (callers that pass no `overall` get this). */
export function overallPolicyFromEnv(): ThrottlePolicy {
  const env = signInOverallEnv();
  return {
    maxAttempts: env.SIGN_IN_OVERALL_MAX_FAILURES,
    windowSeconds: env.SIGN_IN_OVERALL_WINDOW_SECONDS,
  };
}

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
    /** failed attempts over all addresses; default SIGN_IN_OVERALL_* (overallPolicyFromEnv) */
    overall?: ThrottlePolicy;
    warn: (msg: string, err: unknown) => void;
  },
): SignInThrottle {
  const policy = options.policy ?? DEFAULT_THROTTLE;
  const overall = options.overall ?? overallPolicyFromEnv();
  const key = (ip: string) => `${options.keyPrefix}:sign-in:ip:${ip}`;
  const overallKey = `${options.keyPrefix}:sign-in:overall`;
  const count = async (k: string, delta: 1 | -1, windowSeconds: number) => {
    const multi = redis.multi();
    const replies = await (delta === 1 ? multi.incr(k) : multi.decr(k))
      .expire(k, windowSeconds, 'NX')
      .exec();
    const [error, value] = replies?.[0] ?? [new Error('no reply'), null];
    if (error) throw error;
    return Number(value);
  };
  return {
    async take(ip) {
      try {
        if ((await count(key(ip), 1, policy.windowSeconds)) > policy.maxAttempts)
          return 'throttled';
        if ((await count(overallKey, 1, overall.windowSeconds)) > overall.maxAttempts) {
          // not an attempt after all: it must not keep the ceiling up by itself
          await count(overallKey, -1, overall.windowSeconds);
          return 'throttled';
        }
        return 'allowed';
      } catch (error) {
        options.warn('sign-in throttle unavailable; per-account lockout only', error);
        return 'unavailable';
      }
    },
    async release(ip) {
      try {
        // With the expiry again: if the window ended meanwhile, DECR makes a fresh key at -1,
        // which must not outlive one window.
        await count(key(ip), -1, policy.windowSeconds);
        await count(overallKey, -1, overall.windowSeconds);
      } catch (error) {
        options.warn('sign-in throttle unavailable; slot not given back', error);
      }
    },
  };
}

/**
 * The caller's address for the throttle and the audit log: the socket's peer, or with
 * TRUSTED_PROXY_HOPS > 0 the address our own proxies vouch for (lib/base/client-address.ts).
 * Never a value the client chose.
 */
export function clientIpOf(
  headers: Record<string, string | string[] | undefined>,
  trustedHops: number = trustedProxyHops(),
): string {
  return clientAddressOf(headerGetOf(headers), trustedHops);
}
