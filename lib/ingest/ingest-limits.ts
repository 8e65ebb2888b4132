// Flood limits at the webhook receiver, counted in Redis before anything is written: deliveries
// per connection and per client address (generous: real senders and the bench never reach them),
// and refused deliveries — bad signature, unknown tenant or connection, bounds — per connection
// and per address (tight: a flood of forgeries is refused with 429 before it costs a write). An
// address past its refused budget hears 429 for everything until its window ends; a connection
// past its refused budget still accepts deliveries that verify. Without Redis there is no limit
// (fail open, one warning per interval): the ledger is the source of truth, the limits protect it.
import { isPathKey } from './inbound-bounds';
import {
  redisWindowCounter,
  type WindowLimit,
  type WindowRedis,
  type WindowVerdict,
} from '@/lib/queue/fixed-window';

export interface IngestLimitPolicy {
  windowSeconds: number;
  perConnection: number;
  perAddress: number;
  refusedPerConnection: number;
  refusedPerAddress: number;
}

export interface IngestCaller {
  tenantSlug: string;
  connectionKey: string;
  /** lib/base/client-address.ts */
  address: string;
}

export type Admission = { ok: true } | { ok: false; retryAfterSeconds: number };

export interface IngestLimiter {
  /** before the body is read: counts the delivery */
  admit(caller: IngestCaller): Promise<Admission>;
  /** before a refused delivery is written (or answered, for an unknown path): counts the refusal */
  admitRefusal(caller: IngestCaller): Promise<Admission>;
}

/** A path that names nothing shares one bucket: a client cannot mint keys with odd bytes. */
const pathOf = (c: IngestCaller) =>
  isPathKey(c.tenantSlug) && isPathKey(c.connectionKey)
    ? `${c.tenantSlug}/${c.connectionKey}`
    : 'invalid-path';

export function ingestLimits(policy: IngestLimitPolicy, caller: IngestCaller) {
  const path = pathOf(caller);
  return {
    deliveries: [
      { name: `ingest:conn:${path}`, max: policy.perConnection },
      { name: `ingest:addr:${caller.address}`, max: policy.perAddress },
    ] satisfies WindowLimit[],
    refusedByAddress: [
      { name: `ingest:refused-addr:${caller.address}`, max: policy.refusedPerAddress },
    ] satisfies WindowLimit[],
    refusals: [
      { name: `ingest:refused-conn:${path}`, max: policy.refusedPerConnection },
      { name: `ingest:refused-addr:${caller.address}`, max: policy.refusedPerAddress },
    ] satisfies WindowLimit[],
  };
}

const admission = (verdict: WindowVerdict): Admission =>
  verdict.allowed ? { ok: true } : { ok: false, retryAfterSeconds: verdict.retryAfterSeconds };

const WARN_EVERY_MS = 10_000;

export function redisIngestLimiter(
  redis: WindowRedis,
  options: {
    keyPrefix: string;
    policy: IngestLimitPolicy;
    warn: (msg: string, err: unknown) => void;
    now?: () => number;
  },
): IngestLimiter {
  const counter = redisWindowCounter(redis, {
    keyPrefix: options.keyPrefix,
    windowSeconds: options.policy.windowSeconds,
    now: options.now,
  });
  let warnedAt = -Infinity;
  // Fail open, and say so — but not once per delivery of a flood.
  const open = (error: unknown): Admission => {
    if (Date.now() - warnedAt >= WARN_EVERY_MS) {
      warnedAt = Date.now();
      options.warn('ingest limits unavailable (Redis); deliveries are not rate-limited', error);
    }
    return { ok: true };
  };
  return {
    async admit(caller) {
      const limits = ingestLimits(options.policy, caller);
      try {
        // an address past its refused budget is not counted against the connection it floods
        return admission(await counter.hitUnless(limits.refusedByAddress, limits.deliveries));
      } catch (error) {
        return open(error);
      }
    },
    async admitRefusal(caller) {
      try {
        return admission(await counter.hit(ingestLimits(options.policy, caller).refusals));
      } catch (error) {
        return open(error);
      }
    },
  };
}
