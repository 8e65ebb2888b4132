import { describe, expect, it } from 'vitest';
import { backoffDelay, type BackoffPolicy } from './backoff';

const policy: BackoffPolicy = { baseDelayMs: 1000, maxDelayMs: 60_000 };
const ALMOST_ONE = 1 - Number.EPSILON;
const zero = () => 0;
const almostOne = () => ALMOST_ONE;

/** mulberry32: a small deterministic PRNG so the distribution test is reproducible. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('full jitter bounds', () => {
  it('random() = 0 gives a delay of 0', () => {
    expect(backoffDelay(1, policy, zero)).toBe(0);
    expect(backoffDelay(5, policy, zero)).toBe(0);
  });

  it('random() just under 1 gives just under the ceiling', () => {
    expect(backoffDelay(1, policy, almostOne)).toBe(999);
    expect(backoffDelay(3, policy, almostOne)).toBe(3999);
  });

  it('random() = 0.5 gives half the ceiling', () => {
    expect(backoffDelay(4, policy, () => 0.5)).toBe(4000);
  });

  it('returns integer milliseconds', () => {
    expect(backoffDelay(2, { baseDelayMs: 3, maxDelayMs: 100 }, () => 0.7)).toBe(4); // floor(0.7 * 6)
  });
});

describe('ceiling', () => {
  // ceiling = min(maxDelayMs, base * 2^(attempt-1)); observed as the delay for random() just under 1, plus 1.
  it.each([
    { attempt: 1, ceiling: 1000 },
    { attempt: 2, ceiling: 2000 },
    { attempt: 3, ceiling: 4000 },
    { attempt: 4, ceiling: 8000 },
    { attempt: 5, ceiling: 16_000 },
    { attempt: 6, ceiling: 32_000 },
    { attempt: 7, ceiling: 60_000 },
    { attempt: 8, ceiling: 60_000 },
    { attempt: 50, ceiling: 60_000 },
  ])('attempt $attempt has ceiling $ceiling', ({ attempt, ceiling }) => {
    expect(backoffDelay(attempt, policy, almostOne)).toBe(ceiling - 1);
  });

  it.each([1, 0, -1, -100])('attempt %i (<= 1) uses the base delay as ceiling', (attempt) => {
    expect(backoffDelay(attempt, policy, almostOne)).toBe(999);
  });

  it.each([31, 1000, 1e9, Number.MAX_SAFE_INTEGER, Infinity])(
    'attempt %d does not overflow: finite and capped',
    (attempt) => {
      const uncapped = { baseDelayMs: 1000, maxDelayMs: Number.MAX_SAFE_INTEGER };
      const delay = backoffDelay(attempt, uncapped, almostOne);
      expect(Number.isFinite(delay)).toBe(true);
      expect(delay).toBe(Math.floor(ALMOST_ONE * 1000 * 2 ** 30)); // exponent is capped at 30
      expect(backoffDelay(attempt, policy, almostOne)).toBe(59_999);
    },
  );
});

describe('Retry-After', () => {
  it('is a floor above the jittered delay', () => {
    expect(backoffDelay(1, policy, zero, 30_000)).toBe(30_000);
  });

  it('does not lower a jittered delay that is already later', () => {
    expect(backoffDelay(3, policy, almostOne, 100)).toBe(3999);
  });

  it('is rounded up to whole milliseconds', () => {
    expect(backoffDelay(1, policy, zero, 1500.2)).toBe(1501);
  });

  it('is honoured even above maxDelayMs (we never come back earlier than asked)', () => {
    expect(backoffDelay(10, policy, almostOne, 120_000)).toBe(120_000);
  });

  it('of 0 leaves the jittered delay unchanged', () => {
    expect(backoffDelay(2, policy, () => 0.25, 0)).toBe(500);
  });
});

describe('distribution over seeded draws', () => {
  it('stays within [0, ceiling) and spreads over the range', () => {
    const random = seeded(42);
    for (const attempt of [1, 2, 3, 4, 5, 6, 7, 10]) {
      const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
      const draws = Array.from({ length: 2000 }, () => backoffDelay(attempt, policy, random));
      for (const d of draws) {
        expect(Number.isInteger(d)).toBe(true);
        expect(d).toBeGreaterThanOrEqual(0);
        expect(d).toBeLessThan(ceiling);
      }
      const mean = draws.reduce((a, b) => a + b, 0) / draws.length;
      expect(mean / ceiling).toBeGreaterThan(0.45);
      expect(mean / ceiling).toBeLessThan(0.55);
      expect(Math.min(...draws)).toBeLessThan(ceiling * 0.05);
      expect(Math.max(...draws)).toBeGreaterThan(ceiling * 0.95);
    }
  });

  it('is reproducible for the same seed', () => {
    const a = seeded(7);
    const b = seeded(7);
    const first = Array.from({ length: 20 }, () => backoffDelay(6, policy, a));
    expect(Array.from({ length: 20 }, () => backoffDelay(6, policy, b))).toEqual(first);
  });
});
