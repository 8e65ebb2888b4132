import { describe, expect, it } from 'vitest';
import { judge, redisWindowCounter, windowAt, type WindowMulti } from './fixed-window';

describe('windowAt', () => {
  it('numbers windows from the epoch and says when the current one ends', () => {
    expect(windowAt(0, 10)).toEqual({ index: 0, resetsInSeconds: 10 });
    expect(windowAt(9_999, 10)).toEqual({ index: 0, resetsInSeconds: 1 });
    expect(windowAt(10_000, 10)).toEqual({ index: 1, resetsInSeconds: 10 });
    expect(windowAt(12_300, 10)).toEqual({ index: 1, resetsInSeconds: 8 });
  });

  it('refuses a window that is not a whole number of seconds', () => {
    expect(() => windowAt(0, 0)).toThrow(/whole number of seconds/);
    expect(() => windowAt(0, 1.5)).toThrow(/whole number of seconds/);
  });
});

describe('judge', () => {
  const limits = [
    { name: 'conn', max: 3 },
    { name: 'addr', max: 5 },
  ];
  const span = windowAt(4_000, 10);

  it('allows up to each maximum, and names the first limit passed with the wait', () => {
    expect(judge(limits, [3, 5], span)).toEqual({ allowed: true });
    expect(judge(limits, [4, 1], span)).toEqual({
      allowed: false,
      limit: 'conn',
      retryAfterSeconds: 6,
    });
    expect(judge(limits, [1, 6], span)).toMatchObject({ allowed: false, limit: 'addr' });
  });
});

/** An in-memory stand-in for the three MULTI commands, to test the counter's own logic. */
function memoryRedis() {
  const values = new Map<string, number>();
  const ttls = new Map<string, number>();
  return {
    values,
    ttls,
    multi() {
      const ops: (() => unknown)[] = [];
      const multi: WindowMulti = {
        incr: (k) => (ops.push(() => values.set(k, (values.get(k) ?? 0) + 1).get(k)), multi),
        get: (k) => (ops.push(() => values.get(k) ?? null), multi),
        expire: (k, s) => (ops.push(() => ttls.set(k, s) && 1), multi),
        exec: () => Promise.resolve(ops.map((op) => [null, op()] as [null, unknown])),
      };
      return multi;
    },
    // the script needs a real redis-server: lib/ingest/ingest-limits.integration.test.ts
    eval: () => Promise.reject(new Error('no scripts in memory')),
  };
}

describe('redisWindowCounter', () => {
  it('counts per window, refuses past the maximum, and starts again in the next window', async () => {
    const redis = memoryRedis();
    let now = 1_000;
    const counter = redisWindowCounter(redis, {
      keyPrefix: 'p',
      windowSeconds: 10,
      now: () => now,
    });
    const limits = [{ name: 'conn:a', max: 2 }];
    expect(await counter.hit(limits)).toEqual({ allowed: true });
    expect(await counter.hit(limits)).toEqual({ allowed: true });
    expect(await counter.hit(limits)).toMatchObject({ allowed: false, limit: 'conn:a' });
    expect(redis.values.get('p:limit:conn:a:0')).toBe(3);
    expect(redis.ttls.get('p:limit:conn:a:0')).toBe(11);
    now = 10_500;
    expect(await counter.hit(limits)).toEqual({ allowed: true });
    expect(redis.values.get('p:limit:conn:a:1')).toBe(1);
  });

  it('throws when Redis does not answer, so the caller decides to fail open', async () => {
    const failing = {
      multi() {
        const m: WindowMulti = {
          incr: () => m,
          get: () => m,
          expire: () => m,
          exec: () => Promise.reject(new Error('Connection is closed.')),
        };
        return m;
      },
      eval: () => Promise.reject(new Error('Connection is closed.')),
    };
    const counter = redisWindowCounter(failing, { keyPrefix: 'p', windowSeconds: 10 });
    await expect(counter.hit([{ name: 'x', max: 1 }])).rejects.toThrow(/closed/);
    await expect(counter.hitUnless([], [{ name: 'x', max: 1 }])).rejects.toThrow(/closed/);
  });
});
