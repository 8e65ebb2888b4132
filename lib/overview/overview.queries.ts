// The Overview's reads over the large transactions table. Each is bounded by the window on the
// (tenant_id, created_at DESC, id DESC) index, or by status on the (tenant_id, status, flow_id,
// created_at DESC, id DESC) index (an index-only scan), and grouped in SQL so only a few hundred
// rows come back. Raw SQL is not tenant-scoped by the client: every statement binds tenant_id.
import type { Db, TransactionStatus } from '@/lib/db';
import { bucketSql, latencyBucketSql } from './window-sql';
import type { WindowRow } from './window-rows';

/** Not settled yet: the work still on its way (its outbox row exists or a worker holds it). */
export const IN_PROGRESS: TransactionStatus[] = [
  'received',
  'processing',
  'waiting_retry',
  'paused',
];
/** Settled as a failure: waits for a person (replay, resolve, cancel). */
export const FAILED: TransactionStatus[] = ['failed', 'needs_review'];
/** Counted in "failures by class": failed, waiting for a person, or failing and retrying. */
export const FAILING: TransactionStatus[] = [...FAILED, 'waiting_retry'];

/**
 * One scan of the window, two groupings of it (GROUPING SETS hash both in the same pass, no sort):
 * arrivals per flow, bucket, status and error class for the series, and completed ones per flow
 * and log-spaced latency bucket for the percentiles. Grouping on the raw columns (no CASE, no
 * FILTER) keeps the per-row work small; window-rows.ts turns both into the Overview's figures.
 * The bucket expressions are shared with the hourly roll-up (window-sql.ts). `latencyBucket` is
 * null on every row that is not completed.
 */
export function windowRows(
  db: Db,
  tenantId: string,
  w: { from: Date; to: Date; stepMs: number },
): Promise<WindowRow[]> {
  return db.$queryRaw<WindowRow[]>`
    SELECT t.flow_id AS "flowId", ${bucketSql(w.stepMs)} AS bucket,
      t.status, t.error_class AS "errorClass", ${latencyBucketSql} AS "latencyBucket",
      count(*)::int AS count
    FROM transactions t
    WHERE t.tenant_id = ${tenantId}::uuid
      AND t.created_at >= ${w.from}::timestamptz AND t.created_at <= ${w.to}::timestamptz
    GROUP BY GROUPING SETS ((1, 2, 3, 4), (1, 3, 5))`;
}

export interface InProgressRow {
  flowId: string;
  status: TransactionStatus;
  count: number;
  oldest: Date;
}

/**
 * Work not settled yet, of any age, per flow and status, with the oldest arrival. An index-only
 * scan whose cost follows the backlog (small unless something is paused or down).
 */
export function inProgressByFlow(db: Db, tenantId: string): Promise<InProgressRow[]> {
  return db.$queryRaw<InProgressRow[]>`
    SELECT t.flow_id AS "flowId", t.status, count(*)::int AS count, min(t.created_at) AS oldest
    FROM transactions t
    WHERE t.tenant_id = ${tenantId}::uuid AND t.status = ANY(${IN_PROGRESS}::"TransactionStatus"[])
    GROUP BY 1, 2`;
}
