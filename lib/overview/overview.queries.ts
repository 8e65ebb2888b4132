// The Overview's reads over the large transactions table. Each is bounded by the window on the
// (tenant_id, created_at DESC, id DESC) index, or by status on the (tenant_id, status, flow_id,
// created_at DESC, id DESC) index (an index-only scan), and grouped in SQL so only a few hundred
// rows come back. Raw SQL is not tenant-scoped by the client: every statement binds tenant_id.
import type { Db, ErrorClass, TransactionStatus } from '@/lib/db';

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
const FAILING: TransactionStatus[] = [...FAILED, 'waiting_retry'];
/** Anything but completed and cancelled: the business check's "not there yet". */
export const NOT_DONE: TransactionStatus[] = [...IN_PROGRESS, ...FAILED];

const EPOCH = new Date(0);

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

/** Arrivals in the window per flow, bucket and failure class, with what became of them. */
export function windowSeries(
  db: Db,
  tenantId: string,
  w: { from: Date; to: Date; stepMs: number },
): Promise<SeriesRow[]> {
  return db.$queryRaw<SeriesRow[]>`
    SELECT t.flow_id AS "flowId",
      date_bin(${w.stepMs / 1000} * interval '1 second', t.created_at, ${EPOCH}::timestamptz)
        AS bucket,
      CASE WHEN t.status = ANY(${FAILING}::"TransactionStatus"[])
        THEN coalesce(t.error_class, 'unknown') END AS "failureClass",
      count(*)::int AS received,
      count(*) FILTER (WHERE t.status = 'completed')::int AS completed,
      count(*) FILTER (WHERE t.status = ANY(${FAILED}::"TransactionStatus"[]))::int AS failed,
      count(*) FILTER (WHERE t.status = 'cancelled')::int AS cancelled
    FROM transactions t
    WHERE t.tenant_id = ${tenantId}::uuid
      AND t.created_at >= ${w.from}::timestamptz AND t.created_at <= ${w.to}::timestamptz
    GROUP BY 1, 2, 3`;
}

export interface LatencyRow {
  flowId: string;
  p50Ms: number | null;
  p95Ms: number | null;
  samples: number;
}

/**
 * Processing latency (completed_at - created_at) per flow of the transactions that arrived and
 * completed in the window. One sort per flow: both percentiles come from one array aggregate.
 * date_part (float8), not extract (numeric), and not the interval itself: both sort slower.
 */
export async function windowLatency(
  db: Db,
  tenantId: string,
  w: { from: Date; to: Date },
): Promise<LatencyRow[]> {
  const rows = await db.$queryRaw<{ flowId: string; p: number[] | null; samples: number }[]>`
    SELECT t.flow_id AS "flowId", count(*)::int AS samples,
      percentile_cont(ARRAY[0.5, 0.95]::float8[]) WITHIN GROUP (
        ORDER BY date_part('epoch', t.completed_at) - date_part('epoch', t.created_at)) AS p
    FROM transactions t
    WHERE t.tenant_id = ${tenantId}::uuid AND t.status = 'completed'
      AND t.created_at >= ${w.from}::timestamptz AND t.created_at <= ${w.to}::timestamptz
      AND t.completed_at IS NOT NULL
    GROUP BY 1`;
  return rows.map((r) => ({
    flowId: r.flowId,
    samples: r.samples,
    p50Ms: r.p?.[0] === undefined ? null : r.p[0] * 1000,
    p95Ms: r.p?.[1] === undefined ? null : r.p[1] * 1000,
  }));
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

export interface StuckRow {
  total: number;
  id: string | null;
  businessKey: string | null;
  flowName: string | null;
  status: TransactionStatus | null;
  errorClass: ErrorClass | null;
  createdAt: Date | null;
}

/**
 * Transactions of flows with `operation` older than `before` and not completed or cancelled: the
 * count, and the oldest `limit` of them. The oldest are found per (flow, status) on the status
 * index scanned backwards (a handful of index probes); one ORDER BY created_at over all statuses
 * would walk the created_at index through every settled row instead.
 */
export function stuckOfOperation(
  db: Db,
  tenantId: string,
  q: { operation: string; before: Date; limit: number },
): Promise<StuckRow[]> {
  return db.$queryRaw<StuckRow[]>`
    WITH fl AS (
      SELECT f.id, f.name FROM flows f
      WHERE f.tenant_id = ${tenantId}::uuid AND f.operation = ${q.operation}
    ), oldest AS (
      SELECT x.* FROM fl
      CROSS JOIN unnest(${NOT_DONE}::"TransactionStatus"[]) AS s(status)
      CROSS JOIN LATERAL (
        SELECT t.id, t.business_key, fl.name AS flow_name, t.status, t.error_class, t.created_at
        FROM transactions t
        WHERE t.tenant_id = ${tenantId}::uuid AND t.flow_id = fl.id AND t.status = s.status
          AND t.created_at < ${q.before}::timestamptz
        ORDER BY t.created_at, t.id LIMIT ${q.limit}
      ) x
      ORDER BY x.created_at, x.id LIMIT ${q.limit}
    )
    SELECT
      (SELECT count(*)::int FROM transactions t
        WHERE t.tenant_id = ${tenantId}::uuid AND t.flow_id IN (SELECT id FROM fl)
          AND t.status = ANY(${NOT_DONE}::"TransactionStatus"[])
          AND t.created_at < ${q.before}::timestamptz) AS total,
      o.id, o.business_key AS "businessKey", o.flow_name AS "flowName", o.status,
      o.error_class AS "errorClass", o.created_at AS "createdAt"
    FROM (SELECT 1) AS one LEFT JOIN oldest o ON true
    ORDER BY o.created_at, o.id`;
}
