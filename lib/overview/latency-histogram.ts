// Processing-latency percentiles from a log-spaced histogram instead of a sort. Sorting every
// completed transaction of the window per flow (percentile_cont) was the Overview's costliest
// statement; counting them into buckets rides along the window scan that is done anyway.
// The result is APPROXIMATE: a bucket spans a factor of LATENCY_BUCKET_RATIO, its values are taken
// as spread evenly across it, so a percentile is off by at most half a bucket (< 1 %).

/** Each bucket is 2 % wider than the one below: bucket b holds [ratio^b, ratio^(b+1)) ms. */
export const LATENCY_BUCKET_RATIO = 1.02;
/** 1 / ln(ratio): the SQL computes floor(ln(max(ms, 1)) * LATENCY_BUCKET_SCALE). */
export const LATENCY_BUCKET_SCALE = 1 / Math.log(LATENCY_BUCKET_RATIO);

export interface HistogramBucket {
  /** floor(ln(max(ms, 1)) / ln(ratio)) */
  bucket: number;
  count: number;
}

const lowerMs = (bucket: number) => Math.pow(LATENCY_BUCKET_RATIO, bucket);

/**
 * The `p` percentile (0..1) the way percentile_cont computes it (linear interpolation between
 * the two values around rank p·(n−1)), where the k-th of a bucket's n values is placed at
 * (k + ½)/n of the bucket's width. Null for an empty histogram.
 */
export function histogramPercentile(buckets: readonly HistogramBucket[], p: number): number | null {
  const sorted = merged(buckets);
  const total = sorted.reduce((n, b) => n + b.count, 0);
  if (total === 0) return null;
  const rank = p * (total - 1);
  const below = Math.floor(rank);
  const lo = valueAt(sorted, below);
  const hi = below + 1 < total ? valueAt(sorted, below + 1) : lo;
  return lo + (hi - lo) * (rank - below);
}

/**
 * Non-empty buckets, ascending, one entry per bucket: a histogram put together from parts (hours
 * from the roll-up and the live scan) may name a bucket twice, and its values must be spread over
 * the bucket as one run, exactly as if it had been counted in one pass.
 */
function merged(buckets: readonly HistogramBucket[]): HistogramBucket[] {
  const counts = new Map<number, number>();
  for (const b of buckets)
    if (b.count > 0) counts.set(b.bucket, (counts.get(b.bucket) ?? 0) + b.count);
  return [...counts]
    .map(([bucket, count]) => ({ bucket, count }))
    .sort((a, b) => a.bucket - b.bucket);
}

/** The value of 0-based rank `k` among all the histogram's values. */
function valueAt(sorted: readonly HistogramBucket[], k: number): number {
  let seen = 0;
  for (const b of sorted) {
    if (k < seen + b.count) {
      const from = lowerMs(b.bucket);
      return from + (lowerMs(b.bucket + 1) - from) * ((k - seen + 0.5) / b.count);
    }
    seen += b.count;
  }
  throw new RangeError(`rank ${k} outside a histogram of ${seen}`);
}

/** The bucket a latency falls in, as the SQL computes it (for tests and fixtures). */
export const latencyBucket = (ms: number) =>
  Math.floor(Math.log(Math.max(ms, 1)) * LATENCY_BUCKET_SCALE);
