import { describe, expect, it } from 'vitest';
import {
  available,
  createBucket,
  giveBack,
  msUntilToken,
  step,
  take,
  type BucketRequest,
  type TokenBucket,
} from './token-bucket';

const T0 = 1_000_000;

/** A bucket with `tokens` left at T0 (rate per second, burst). */
function withTokens(tokens: number, ratePerSecond = 10, burst = ratePerSecond): TokenBucket {
  return { ...createBucket(ratePerSecond, T0, burst), tokens };
}

describe('createBucket', () => {
  it('starts full, with burst defaulting to the rate', () => {
    expect(createBucket(5, T0)).toEqual({
      ratePerSecond: 5,
      burst: 5,
      tokens: 5,
      updatedAtMs: T0,
    });
  });

  it('uses an explicit burst as the capacity', () => {
    expect(createBucket(5, T0, 20)).toMatchObject({ burst: 20, tokens: 20 });
    expect(createBucket(50, T0, 3)).toMatchObject({ burst: 3, tokens: 3 });
  });

  it.each([0, 0.5, -4])('a burst of %s is raised to 1 so a call can ever go out', (burst) => {
    expect(createBucket(2, T0, burst)).toMatchObject({ burst: 1, tokens: 1 });
  });
});

describe('available', () => {
  it('a fresh bucket offers its whole burst', () => {
    expect(available(createBucket(5, T0, 8), T0)).toBe(8);
  });

  it('counts whole tokens only', () => {
    expect(available(withTokens(2.99), T0)).toBe(2);
    expect(available(withTokens(0.999), T0)).toBe(0);
  });

  it('refills by elapsed time at ratePerSecond', () => {
    const empty = withTokens(0, 10, 100);
    expect(available(empty, T0 + 99)).toBe(0);
    expect(available(empty, T0 + 100)).toBe(1);
    expect(available(empty, T0 + 250)).toBe(2);
    expect(available(empty, T0 + 1_000)).toBe(10);
    expect(available(empty, T0 + 3_500)).toBe(35);
  });

  it('adds refill to what was left', () => {
    expect(available(withTokens(0.5, 2, 10), T0 + 250)).toBe(1); // 0.5 + 0.5
    expect(available(withTokens(0.5, 2, 10), T0 + 249)).toBe(0);
  });

  it('never goes above burst however long the bucket sat', () => {
    const empty = withTokens(0, 10, 4);
    expect(available(empty, T0 + 400)).toBe(4);
    expect(available(empty, T0 + 10_000)).toBe(4);
    expect(available(empty, T0 + 1e12)).toBe(4);
  });

  it('does not change the bucket', () => {
    const b = withTokens(0);
    const copy = { ...b };
    available(b, T0 + 5_000);
    expect(b).toEqual(copy);
  });
});

describe('take', () => {
  it('grants what was asked when enough tokens are there', () => {
    const { bucket, granted } = take(createBucket(10, T0), 3, T0);
    expect(granted).toBe(3);
    expect(bucket).toEqual({ ratePerSecond: 10, burst: 10, tokens: 7, updatedAtMs: T0 });
  });

  it('grants at most the whole tokens available', () => {
    const { bucket, granted } = take(withTokens(2.6), 10, T0);
    expect(granted).toBe(2);
    expect(bucket.tokens).toBeCloseTo(0.6, 10);
  });

  it('grants nothing from an empty bucket and leaves the fraction', () => {
    const { bucket, granted } = take(withTokens(0.4), 1, T0);
    expect(granted).toBe(0);
    expect(bucket.tokens).toBeCloseTo(0.4, 10);
  });

  it('takes whole tokens only when asked for a fraction', () => {
    expect(take(createBucket(10, T0), 2.9, T0).granted).toBe(2);
    expect(take(createBucket(10, T0), 0.5, T0).granted).toBe(0);
  });

  it.each([0, -1, -100])('asking for %s grants 0 and keeps every token', (wanted) => {
    const { bucket, granted } = take(createBucket(10, T0), wanted, T0);
    expect(granted).toBe(0);
    expect(bucket.tokens).toBe(10);
  });

  it('refills before taking and stamps the bucket with now', () => {
    const { bucket, granted } = take(withTokens(0, 10, 10), 5, T0 + 300);
    expect(granted).toBe(3);
    expect(bucket.tokens).toBeCloseTo(0, 10);
    expect(bucket.updatedAtMs).toBe(T0 + 300);
  });

  it('does not mutate the bucket it was given', () => {
    const b = createBucket(10, T0);
    const copy = { ...b };
    take(b, 4, T0 + 50);
    expect(b).toEqual(copy);
  });

  it('successive takes at one instant never grant more than the burst', () => {
    let b = createBucket(5, T0, 5);
    let total = 0;
    for (let i = 0; i < 10; i += 1) {
      const r = take(b, 2, T0);
      b = r.bucket;
      total += r.granted;
    }
    expect(total).toBe(5);
    expect(available(b, T0)).toBe(0);
  });

  it('over a long run grants burst + rate x elapsed, no more', () => {
    // rate 10/s, burst 10, asking for 3 every 50ms for 10s
    let b = createBucket(10, T0, 10);
    let total = 0;
    for (let t = 0; t <= 10_000; t += 50) {
      const r = take(b, 3, T0 + t);
      b = r.bucket;
      total += r.granted;
    }
    expect(total).toBe(10 + 10 * 10);
  });
});

describe('msUntilToken', () => {
  it('is 0 when a whole token is there', () => {
    expect(msUntilToken(createBucket(1, T0), T0)).toBe(0);
    expect(msUntilToken(withTokens(1), T0)).toBe(0);
  });

  it('is the time for one token to refill from empty', () => {
    expect(msUntilToken(withTokens(0, 1), T0)).toBe(1_000);
    expect(msUntilToken(withTokens(0, 10), T0)).toBe(100);
    expect(msUntilToken(withTokens(0, 4), T0)).toBe(250);
  });

  it('counts the fraction already there', () => {
    expect(msUntilToken(withTokens(0.75, 1), T0)).toBe(250);
    expect(msUntilToken(withTokens(0.5, 2), T0)).toBe(250);
  });

  it('rounds up to a whole millisecond', () => {
    expect(msUntilToken(withTokens(0, 3), T0)).toBe(334); // 333.33...
  });

  it('accounts for time already elapsed', () => {
    const empty = withTokens(0, 1);
    expect(msUntilToken(empty, T0 + 400)).toBe(600);
    expect(msUntilToken(empty, T0 + 750)).toBe(250);
    // 1 - 0.999 is a hair over 0.001 in floating point: the answer may round up by 1ms, never down.
    expect(msUntilToken(empty, T0 + 999)).toBeGreaterThanOrEqual(1);
    expect(msUntilToken(empty, T0 + 999)).toBeLessThanOrEqual(2);
    expect(msUntilToken(empty, T0 + 1_000)).toBe(0);
  });

  it('waiting the answer always yields a token, at most 1ms late (sweep)', () => {
    const short: { rate: number; at: number; wait: number }[] = [];
    const late: { rate: number; at: number; wait: number }[] = [];
    for (let rate = 1; rate <= 150; rate += 1) {
      let b = createBucket(rate, 0, 3);
      let now = 0;
      for (let step = 0; step < 200; step += 1) {
        b = take(b, 10, now).bucket;
        const wait = msUntilToken(b, now);
        expect(wait).toBeGreaterThan(0);
        if (available(b, now + wait) < 1) short.push({ rate, at: now, wait });
        // Never more than 1ms late (floating point may round the exact answer up by one).
        if (wait >= 2 && available(b, now + wait - 2) >= 1) late.push({ rate, at: now, wait });
        now += wait + (step % 7);
      }
    }
    expect(short).toEqual([]);
    expect(late).toEqual([]);
  });
});

describe('a clock going backwards', () => {
  it('does not mint tokens', () => {
    const empty = withTokens(0, 10, 10);
    expect(available(empty, T0 - 5_000)).toBe(0);
    expect(take(empty, 5, T0 - 5_000).granted).toBe(0);
  });

  it('does not move updatedAtMs back, so the same span is not refilled twice', () => {
    const empty = withTokens(0, 10, 100);
    const { bucket } = take(empty, 1, T0 - 5_000);
    expect(bucket.updatedAtMs).toBe(T0);
    expect(bucket.tokens).toBe(0);
    // Forward again: only the time after T0 counts.
    expect(available(bucket, T0 + 500)).toBe(5);
  });

  it('does not take tokens away either', () => {
    const b = withTokens(4.5, 10, 10);
    expect(available(b, T0 - 1_000)).toBe(4);
    expect(take(b, 10, T0 - 1_000).granted).toBe(4);
  });

  it('keeps msUntilToken at the full remaining time', () => {
    expect(msUntilToken(withTokens(0, 10), T0 - 60_000)).toBe(100);
  });
});

describe('giveBack', () => {
  it('returns unused tokens without exceeding the burst', () => {
    const bucket = createBucket(10, 0, 10);
    const { bucket: drained, granted } = take(bucket, 10, 0);
    expect(granted).toBe(10);
    expect(available(giveBack(drained, 4), 0)).toBe(4);
    expect(available(giveBack(drained, 40), 0)).toBe(10);
    expect(available(giveBack(drained, -3), 0)).toBe(0);
  });
});

describe('step (what the Redis script does)', () => {
  const limit = (wanted: number, giveBack = 0): BucketRequest => ({
    ratePerSecond: 10,
    burst: 10,
    wanted,
    giveBack,
  });

  it('starts a bucket never seen full, at now', () => {
    const r = step(null, limit(4), T0);
    expect(r).toMatchObject({ granted: 4, msUntilToken: 0, msUntilFull: 400 });
    expect(r.bucket).toEqual({ ratePerSecond: 10, burst: 10, tokens: 6, updatedAtMs: T0 });
  });

  it('refills a stored bucket by the time since it was stored, then takes', () => {
    const r = step({ tokens: 0, updatedAtMs: T0 }, limit(5), T0 + 350);
    expect(r.granted).toBe(3);
    expect(r.bucket.tokens).toBeCloseTo(0.5, 10);
    expect(r.msUntilToken).toBe(50);
    expect(r.msUntilFull).toBe(950);
  });

  it('hands back before taking, never above the burst', () => {
    const back = step({ tokens: 1, updatedAtMs: T0 }, limit(0, 3), T0);
    expect(back.granted).toBe(0);
    expect(back.bucket.tokens).toBe(4);
    expect(step({ tokens: 9, updatedAtMs: T0 }, limit(0, 30), T0).bucket.tokens).toBe(10);
    // what was handed back can be taken in the same step
    expect(step({ tokens: 0, updatedAtMs: T0 }, limit(2, 2), T0).granted).toBe(2);
  });

  it('applies a changed limit from now on: drops tokens above a lower burst, mints none', () => {
    const lower = step(
      { tokens: 50, updatedAtMs: T0 },
      { ratePerSecond: 5, burst: 5, wanted: 100, giveBack: 0 },
      T0,
    );
    expect(lower.granted).toBe(5);
    const higher = step(
      { tokens: 2, updatedAtMs: T0 },
      { ratePerSecond: 100, burst: 100, wanted: 100, giveBack: 0 },
      T0,
    );
    expect(higher.granted).toBe(2);
    expect(higher.msUntilToken).toBe(10);
  });

  it('does not refill for a clock that went back', () => {
    const r = step({ tokens: 0, updatedAtMs: T0 }, limit(1), T0 - 10_000);
    expect(r.granted).toBe(0);
    expect(r.bucket.updatedAtMs).toBe(T0);
  });

  it('over any span grants at most burst + rate x span, net of tokens handed back (sweep)', () => {
    // Lanes of several shards: each takes a batch, hands back what it could not use.
    let stored: { tokens: number; updatedAtMs: number } | null = null;
    const events: { at: number; net: number }[] = [];
    let now = T0;
    for (let i = 0; i < 2_000; i += 1) {
      now += (i * 7919) % 23;
      const taken = step(stored, limit(1 + (i % 6)), now);
      stored = taken.bucket;
      const unused = (i * 31) % 3 === 0 ? Math.min(taken.granted, 2) : 0;
      const back = step(stored, limit(0, unused), now);
      stored = back.bucket;
      events.push({ at: now, net: taken.granted - unused });
    }
    const over: string[] = [];
    for (let i = 0; i < events.length; i += 1) {
      let net = 0;
      for (let j = i; j < events.length; j += 1) {
        net += events[j]?.net ?? 0;
        const span = (events[j]?.at ?? 0) - (events[i]?.at ?? 0);
        if (net > 10 + (10 * span) / 1000 + 1e-9) over.push(`${i}..${j}: ${net} in ${span}ms`);
      }
    }
    expect(over).toEqual([]);
  });
});
