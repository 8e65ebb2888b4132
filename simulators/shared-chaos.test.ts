import { describe, expect, it } from 'vitest';
import { mergeChaos as mergeCommerce, defaultChaos as commerceDefaults } from './commerce/chaos';
import {
  TokenBucket,
  commonChaosFields,
  defaultCommonChaos,
  mergeSettings,
  sampleLatency,
} from './shared-chaos';
import { Rng } from './shared-runtime';

const merge = (patch: unknown, now = 1_000) =>
  mergeSettings(defaultCommonChaos(), patch, commonChaosFields, now);

describe('common chaos settings', () => {
  it('merges a partial patch and turns durations into deadlines', () => {
    const next = merge({ errorRate: 0.5, outage: { forMs: 200 }, rateLimitBurst: { forMs: 50 } });
    expect(next).toMatchObject({
      errorRate: 0.5,
      maintenance: false,
      outage: { forMs: 200, until: 1_200, reset: false },
      rateLimitBurst: { forMs: 50, retryAfterSeconds: 1, until: 1_050 },
    });
    expect(merge({ outage: null }).outage).toBeNull();
  });

  it.each([
    [{ errorRate: 2 }, 'errorRate'],
    [{ rateLimit: { perSecond: 0, burst: 1 } }, 'rateLimit.perSecond'],
    [{ rateLimit: { perSecond: 1, burst: 0.5 } }, 'rateLimit.burst'],
    [{ rateLimitBurst: { forMs: 10, retryAfterSeconds: 0 } }, 'rateLimitBurst.retryAfterSeconds'],
    [{ outage: { forMs: -1 } }, 'outage.forMs'],
    [{ latencyMs: { p50: 100, p99: 10 } }, 'latencyMs'],
    [{ latencyMs: { min: 5 } }, 'latencyMs'],
    [{ hangMs: 'long' }, 'hangMs'],
    [{ maintenance: 'yes' }, 'maintenance'],
    [{ surprise: true }, 'surprise'],
  ])('rejects %j naming %s', (patch, field) => {
    expect(() => merge(patch)).toThrow(TypeError);
    expect(() => merge(patch)).toThrow(field);
  });

  it('keeps the storefront’s older field names as aliases', () => {
    const next = mergeCommerce(commerceDefaults(), {
      apiErrorRate: 0.1,
      apiRateLimitRate: 0.2,
      apiLatencyMs: { min: 1, max: 2 },
    });
    expect(next).toMatchObject({
      errorRate: 0.1,
      rateLimitRate: 0.2,
      latencyMs: { min: 1, max: 2 },
    });
    expect(next).not.toHaveProperty('apiErrorRate');
  });
});

describe('TokenBucket', () => {
  it('grants the burst, then answers with whole seconds until the next token', () => {
    const bucket = new TokenBucket();
    const limit = { perSecond: 0.5, burst: 2 };
    expect([bucket.take(limit, 0), bucket.take(limit, 0)]).toEqual([0, 0]);
    expect(bucket.take(limit, 0)).toBe(2);
    expect(bucket.take(limit, 1_000)).toBe(1);
    expect(bucket.take(limit, 2_000)).toBe(0);
  });

  it('starts full again when the limit changes', () => {
    const bucket = new TokenBucket();
    bucket.take({ perSecond: 1, burst: 1 }, 0);
    expect(bucket.take({ perSecond: 1, burst: 1 }, 0)).toBe(1);
    expect(bucket.take({ perSecond: 2, burst: 1 }, 0)).toBe(0);
  });
});

describe('sampleLatency', () => {
  it('draws {p50, p99} with about that median and tail', () => {
    const rng = new Rng(1);
    const draws = Array.from({ length: 4000 }, () => sampleLatency(rng, { p50: 50, p99: 400 }));
    draws.sort((a, b) => a - b);
    const at = (q: number) => draws[Math.floor(q * draws.length)] ?? NaN;
    expect(at(0.5)).toBeGreaterThan(40);
    expect(at(0.5)).toBeLessThan(60);
    expect(at(0.99)).toBeGreaterThan(250);
    expect(at(0.99)).toBeLessThan(600);
  });

  it('draws {min, max} uniformly within bounds', () => {
    const rng = new Rng(2);
    const draws = Array.from({ length: 500 }, () => sampleLatency(rng, { min: 10, max: 20 }));
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(10);
    expect(Math.max(...draws)).toBeLessThanOrEqual(20);
  });
});
