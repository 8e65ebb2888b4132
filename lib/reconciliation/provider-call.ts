// Reconciliation's provider reads retry what operations retry (429, 5xx, timeouts) with the
// engine's backoff, honouring Retry-After as a floor; anything else is returned at once.
import type { ErrorClass } from '@/lib/db';
import { backoffDelay, type BackoffPolicy } from '@/lib/engine/backoff';

export type ReadFailure = {
  ok: false;
  errorClass: ErrorClass;
  message: string;
  retryAfterMs?: number;
};

const TRANSIENT: ReadonlySet<ErrorClass> = new Set(['rate_limited', 'provider_outage', 'timeout']);

export function isTransient(errorClass: ErrorClass): boolean {
  return TRANSIENT.has(errorClass);
}

export interface RetryOptions {
  attempts: number;
  policy: BackoffPolicy;
  sleep: (ms: number) => Promise<void>;
}

export const DEFAULT_RETRY: RetryOptions = {
  attempts: 4,
  policy: { baseDelayMs: 500, maxDelayMs: 10_000 },
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export async function withRetry<T extends { ok: true } | ReadFailure>(
  read: () => Promise<T>,
  options: RetryOptions = DEFAULT_RETRY,
): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    const result = await read();
    if (result.ok || !isTransient(result.errorClass) || attempt >= options.attempts) return result;
    await options.sleep(backoffDelay(attempt, options.policy, Math.random, result.retryAfterMs));
  }
}

/** Runs `work` over `items` with at most `limit` in flight, keeping the input order. */
export async function mapBounded<I, O>(
  items: readonly I[],
  limit: number,
  work: (item: I) => Promise<O>,
): Promise<O[]> {
  const out = new Array<O>(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await work(items[i] as I);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return out;
}
