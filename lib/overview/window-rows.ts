// Pure shaping of the one grouped window scan (overview.queries.ts `windowRows`) into the series
// rows and per-flow latency the Overview assembles: outcome counts and failure classes from the
// status grouping, p50/p95 from the latency histogram grouping.
import type { ErrorClass, TransactionStatus } from '@/lib/db';
import { histogramPercentile, type HistogramBucket } from './latency-histogram';
import { FAILED, FAILING } from './overview.queries';

/** A row of either grouping: `bucket` is null in the latency one, `latencyBucket` in the other. */
export interface WindowRow {
  flowId: string;
  bucket: Date | null;
  status: TransactionStatus;
  errorClass: ErrorClass | null;
  latencyBucket: number | null;
  count: number;
}

export interface SeriesRow {
  flowId: string;
  bucket: Date;
  /** error class of the failing ones in this group; null for the rest */
  failureClass: ErrorClass | null;
  received: number;
  completed: number;
  failed: number;
  cancelled: number;
}

export interface LatencyRow {
  flowId: string;
  /** approximate (log-spaced histogram, see latency-histogram.ts) */
  p50Ms: number | null;
  p95Ms: number | null;
  samples: number;
}

export function splitWindowRows(rows: readonly WindowRow[]): {
  series: SeriesRow[];
  latency: LatencyRow[];
} {
  const series: SeriesRow[] = [];
  const histograms = new Map<string, HistogramBucket[]>();
  for (const row of rows) {
    if (row.bucket) series.push(seriesRow(row, row.bucket));
    else if (row.status === 'completed' && row.latencyBucket !== null) {
      const histogram = histograms.get(row.flowId) ?? [];
      histogram.push({ bucket: row.latencyBucket, count: row.count });
      histograms.set(row.flowId, histogram);
    }
  }
  const latency = [...histograms].map(([flowId, histogram]) => ({
    flowId,
    samples: histogram.reduce((n, b) => n + b.count, 0),
    p50Ms: histogramPercentile(histogram, 0.5),
    p95Ms: histogramPercentile(histogram, 0.95),
  }));
  return { series, latency };
}

function seriesRow(row: WindowRow, bucket: Date): SeriesRow {
  const failing = FAILING.includes(row.status);
  return {
    flowId: row.flowId,
    bucket,
    failureClass: failing ? (row.errorClass ?? 'unknown') : null,
    received: row.count,
    completed: row.status === 'completed' ? row.count : 0,
    failed: FAILED.includes(row.status) ? row.count : 0,
    cancelled: row.status === 'cancelled' ? row.count : 0,
  };
}
