import { describe, expect, it } from 'vitest';
import { mapBounded, withRetry, type ReadFailure } from './provider-call';

const noSleep = (waits: number[]) => ({
  attempts: 3,
  policy: { baseDelayMs: 100, maxDelayMs: 1000 },
  sleep: (ms: number) => {
    waits.push(ms);
    return Promise.resolve();
  },
});

type Read = { ok: true; value: number } | ReadFailure;

describe('withRetry', () => {
  it('retries 429 and 5xx classes, waiting at least Retry-After, then answers the success', async () => {
    const answers: Read[] = [
      { ok: false, errorClass: 'rate_limited', message: '429', retryAfterMs: 2000 },
      { ok: false, errorClass: 'provider_outage', message: '503' },
      { ok: true, value: 7 },
    ];
    const waits: number[] = [];
    const result = await withRetry(() => Promise.resolve(answers.shift() as Read), noSleep(waits));
    expect(result).toEqual({ ok: true, value: 7 });
    expect(waits).toHaveLength(2);
    expect(waits[0]).toBeGreaterThanOrEqual(2000);
  });

  it('returns a permanent failure at once and a transient one after the last attempt', async () => {
    const waits: number[] = [];
    let calls = 0;
    const auth = await withRetry((): Promise<Read> => {
      calls += 1;
      return Promise.resolve({ ok: false, errorClass: 'auth', message: '401' });
    }, noSleep(waits));
    expect(auth).toMatchObject({ ok: false, errorClass: 'auth' });
    expect(calls).toBe(1);
    calls = 0;
    const outage = await withRetry((): Promise<Read> => {
      calls += 1;
      return Promise.resolve({ ok: false, errorClass: 'timeout', message: 'slow' });
    }, noSleep(waits));
    expect(outage).toMatchObject({ ok: false, errorClass: 'timeout' });
    expect(calls).toBe(3);
  });
});

describe('mapBounded', () => {
  it('keeps the order and never has more than the limit in flight', async () => {
    let inFlight = 0;
    let most = 0;
    const out = await mapBounded([5, 1, 4, 2, 3], 2, async (n) => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setTimeout(resolve, n));
      inFlight -= 1;
      return n * 10;
    });
    expect(out).toEqual([50, 10, 40, 20, 30]);
    expect(most).toBe(2);
  });
});
