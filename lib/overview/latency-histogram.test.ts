import { describe, expect, it } from 'vitest';
import { histogramPercentile, latencyBucket, type HistogramBucket } from './latency-histogram';

/** percentile_cont over exact values: the reference the histogram approximates. */
function exactPercentile(values: number[], p: number) {
  const s = [...values].sort((a, b) => a - b);
  const rank = p * (s.length - 1);
  const lo = s[Math.floor(rank)] ?? 0;
  const hi = s[Math.ceil(rank)] ?? lo;
  return lo + (hi - lo) * (rank - Math.floor(rank));
}

function histogramOf(values: number[]): HistogramBucket[] {
  const counts = new Map<number, number>();
  for (const ms of values) counts.set(latencyBucket(ms), (counts.get(latencyBucket(ms)) ?? 0) + 1);
  return [...counts].map(([bucket, count]) => ({ bucket, count }));
}

const relativeError = (approx: number | null, exact: number) =>
  Math.abs((approx ?? Number.NaN) - exact) / exact;

describe('histogramPercentile', () => {
  it('is null for an empty histogram', () => {
    expect(histogramPercentile([], 0.5)).toBeNull();
    expect(histogramPercentile([{ bucket: 3, count: 0 }], 0.5)).toBeNull();
  });

  it('interpolates like percentile_cont, within 1 % on a few values', () => {
    const values = [1000, 2000, 3000, 4000];
    const h = histogramOf(values);
    expect(relativeError(histogramPercentile(h, 0.5), 2500)).toBeLessThan(0.01);
    expect(relativeError(histogramPercentile(h, 0.95), 3850)).toBeLessThan(0.01);
    expect(relativeError(histogramPercentile(h, 0), 1000)).toBeLessThan(0.01);
    expect(relativeError(histogramPercentile(h, 1), 4000)).toBeLessThan(0.01);
  });

  it('stays within 1 % of the exact p50/p95 on a large skewed sample', () => {
    // deterministic long-tailed latencies: mostly 100–400 ms, a tail up to ~8 s
    const values = Array.from({ length: 30_000 }, (_, i) => {
      const u = ((i * 7919) % 30_000) / 30_000;
      return Math.round(80 + 300 * u + (u > 0.9 ? 8000 * (u - 0.9) * 10 : 0));
    });
    const h = histogramOf(values);
    for (const p of [0.5, 0.95, 0.99])
      expect(relativeError(histogramPercentile(h, p), exactPercentile(values, p))).toBeLessThan(
        0.01,
      );
  });

  it('does not depend on the order of the buckets', () => {
    const h = histogramOf([50, 5000, 500]);
    expect(histogramPercentile([...h].reverse(), 0.5)).toBe(histogramPercentile(h, 0.5));
  });

  it('puts sub-millisecond latencies in the first bucket', () => {
    expect(latencyBucket(0)).toBe(0);
    expect(latencyBucket(1)).toBe(0);
    expect(latencyBucket(1.03)).toBe(1);
  });
});

describe('histogramPercentile() of a histogram put together from parts', () => {
  it('treats a bucket named twice exactly like the bucket counted once', () => {
    const whole = [
      { bucket: 300, count: 4 },
      { bucket: 310, count: 3 },
    ];
    const parts = [
      { bucket: 310, count: 1 },
      { bucket: 300, count: 2 },
      { bucket: 310, count: 2 },
      { bucket: 300, count: 2 },
    ];
    for (const p of [0.1, 0.5, 0.95])
      expect(histogramPercentile(parts, p)).toBe(histogramPercentile(whole, p));
  });
});
