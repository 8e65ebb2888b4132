// Admin chaos updates: partial merges, validated field by field. A bad field throws a TypeError that
// names it, and nothing of the patch is applied (the admin route turns it into a 400).
import { flag, isPlainObject, latencyRange, probability } from './shared-runtime';
import type {
  CommonChaos,
  LatencySpec,
  Outage,
  RateLimit,
  RateLimitBurst,
  WebhookChaos,
} from './shared-chaos';

/** Reads one admin field into a partial update; `now` turns durations into deadlines. */
export type FieldParser<T> = (value: unknown, field: string, now: number) => Partial<T>;
export type FieldParsers<T> = Record<string, FieldParser<T>>;

const DAY_MS = 86_400_000;

export function mergeSettings<T extends object>(
  current: T,
  patch: unknown,
  parsers: FieldParsers<T>,
  now = Date.now(),
): T {
  if (!isPlainObject(patch)) throw new TypeError('chaos must be a JSON object');
  let next: T = { ...current };
  for (const [key, value] of Object.entries(patch)) {
    const parse = Object.hasOwn(parsers, key) ? parsers[key] : undefined;
    if (!parse) throw new TypeError(`unknown chaos setting: ${key}`);
    next = { ...next, ...parse(value, key, now) };
  }
  return next;
}

export function integer(value: unknown, field: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new TypeError(`${field} must be an integer between ${min} and ${max}`);
  }
  return value;
}

function latencySpec(value: unknown, field: string): LatencySpec {
  if (isPlainObject(value) && ('p50' in value || 'p99' in value)) {
    const { p50, p99 } = value;
    if (
      typeof p50 !== 'number' ||
      typeof p99 !== 'number' ||
      p50 < 1 ||
      p99 < p50 ||
      p99 > 120_000
    ) {
      throw new TypeError(`${field} must be { p50, p99 } with 1 <= p50 <= p99 <= 120000`);
    }
    return { p50, p99 };
  }
  return latencyRange(value, field);
}

function rateLimit(value: unknown, field: string): RateLimit | null {
  if (value === null) return null;
  if (!isPlainObject(value)) throw new TypeError(`${field} must be { perSecond, burst } or null`);
  const { perSecond, burst } = value;
  if (typeof perSecond !== 'number' || !(perSecond > 0) || perSecond > 100_000) {
    throw new TypeError(`${field}.perSecond must be a number in (0, 100000]`);
  }
  return { perSecond, burst: integer(burst, `${field}.burst`, 1, 100_000) };
}

function rateLimitBurst(value: unknown, field: string, now: number): RateLimitBurst | null {
  if (value === null) return null;
  if (!isPlainObject(value)) {
    throw new TypeError(`${field} must be { forMs, retryAfterSeconds } or null`);
  }
  const forMs = integer(value.forMs, `${field}.forMs`, 0, DAY_MS);
  const retry = value.retryAfterSeconds ?? 1;
  const retryAfterSeconds = integer(retry, `${field}.retryAfterSeconds`, 1, 86_400);
  return { forMs, retryAfterSeconds, until: now + forMs };
}

function outage(value: unknown, field: string, now: number): Outage | null {
  if (value === null) return null;
  if (!isPlainObject(value)) throw new TypeError(`${field} must be { forMs, reset? } or null`);
  const forMs = integer(value.forMs, `${field}.forMs`, 0, DAY_MS);
  const reset = value.reset === undefined ? false : flag(value.reset, `${field}.reset`);
  return { forMs, reset, until: now + forMs };
}

/** Keyed like CommonChaos itself, so a simulator can alias an old field name to one of these. */
export const commonChaosFields: Record<keyof CommonChaos, FieldParser<CommonChaos>> = {
  latencyMs: (v, f) => ({ latencyMs: latencySpec(v, f) }),
  errorRate: (v, f) => ({ errorRate: probability(v, f) }),
  timeoutAfterSuccessRate: (v, f) => ({ timeoutAfterSuccessRate: probability(v, f) }),
  hangMs: (v, f) => ({ hangMs: integer(v, f, 0, 600_000) }),
  rateLimit: (v, f) => ({ rateLimit: rateLimit(v, f) }),
  rateLimitRate: (v, f) => ({ rateLimitRate: probability(v, f) }),
  rateLimitBurst: (v, f, now) => ({ rateLimitBurst: rateLimitBurst(v, f, now) }),
  outage: (v, f, now) => ({ outage: outage(v, f, now) }),
  maintenance: (v, f) => ({ maintenance: flag(v, f) }),
  authExpired: (v, f) => ({ authExpired: flag(v, f) }),
};

export const webhookChaosFields: FieldParsers<WebhookChaos> = {
  duplicateRate: (v, f) => ({ duplicateRate: probability(v, f) }),
  reorderRate: (v, f) => ({ reorderRate: probability(v, f) }),
  webhookOutage: (v, f) => ({ webhookOutage: flag(v, f) }),
  // 0 ends a timed outage early; an open-ended one is `webhookOutage: true`.
  webhookOutageForMs: (v, f, now) => {
    const ms = integer(v, f, 0, DAY_MS);
    return { webhookOutageUntil: ms === 0 ? null : now + ms };
  },
  lateDeliveryMs: (v, f) => ({ lateDeliveryMs: latencyRange(v, f) }),
};

/** Exposes a route-specific rate limit (e.g. commerce's bulk_set) under its own field name. */
export function rateLimitField<T>(key: keyof T & string): FieldParser<T> {
  return (v, f) => ({ [key]: rateLimit(v, f) }) as Partial<T>;
}
