// What the ledger says about a connection's outage, read afresh for each step and each visit of the
// recovery page: the work its flows hold (received, retrying, paused: it goes out on resume) and
// the work that failed since the outage began (it goes out by replay), per flow. The same counts
// fix the recovery's outage start, its drain's total and its progress.
import { Prisma, type Db } from '@/lib/db';

/** How far before a pause or an opened circuit the first failure is looked for: an outage is
 *  usually noticed, and paused, some time after it began. */
export const OUTAGE_LOOKBACK_MS = 24 * 3600_000;

const HELD = Prisma.sql`('received', 'waiting_retry', 'processing', 'paused')`;
const FAILED = Prisma.sql`('failed', 'needs_review')`;

export interface WaitingFlow {
  flowId: string;
  flowName: string;
  /** goes out when the connection is resumed (or its circuit closes) */
  held: number;
  /** failed or in review since the outage began: goes out by replay */
  failed: number;
  oldestAt: Date | null;
  /** the commonest error class of the failed ones */
  topErrorClass: string | null;
}

export async function waitingByFlow(
  db: Pick<Db, '$queryRaw'>,
  tenantId: string,
  connectionId: string,
  failedSince: Date,
  /** only work that existed then (a drain's progress: new traffic is not the outage's) */
  createdBefore?: Date,
): Promise<WaitingFlow[]> {
  return db.$queryRaw<WaitingFlow[]>`
    SELECT f.id::text AS "flowId", f.name AS "flowName",
      count(*) FILTER (WHERE t.status IN ${HELD})::int AS held,
      count(*) FILTER (WHERE t.status IN ${FAILED})::int AS failed,
      min(t.created_at) AS "oldestAt",
      (mode() WITHIN GROUP (ORDER BY t.error_class) FILTER (WHERE t.status IN ${FAILED}))::text
        AS "topErrorClass"
    FROM flows f
    JOIN transactions t ON t.flow_id = f.id AND t.tenant_id = ${tenantId}::uuid
    WHERE f.tenant_id = ${tenantId}::uuid AND f.target_connection_id = ${connectionId}::uuid
      AND (t.status IN ${HELD}
           OR (t.status IN ${FAILED} AND t.updated_at >= ${failedSince}::timestamptz))
      ${createdBefore ? Prisma.sql`AND t.created_at < ${createdBefore}::timestamptz` : Prisma.empty}
    GROUP BY f.id, f.name
    ORDER BY f.name`;
}

export function totalsOf(flows: readonly WaitingFlow[]): { held: number; failed: number } {
  return flows.reduce((sum, f) => ({ held: sum.held + f.held, failed: sum.failed + f.failed }), {
    held: 0,
    failed: 0,
  });
}

/** The outage's start: the pause or the circuit's opening, or the first failure of the
 *  connection's flows in the day before it, whichever is earlier. */
export async function outageStart(
  db: Pick<Db, '$queryRaw'>,
  tenantId: string,
  connectionId: string,
  stoppedAt: Date,
): Promise<Date> {
  const [row] = await db.$queryRaw<{ first: Date | null }[]>`
    SELECT min(t.updated_at) AS first
    FROM transactions t JOIN flows f ON f.id = t.flow_id
    WHERE t.tenant_id = ${tenantId}::uuid AND f.target_connection_id = ${connectionId}::uuid
      AND t.status IN ${FAILED}
      AND t.updated_at >= ${new Date(stoppedAt.getTime() - OUTAGE_LOOKBACK_MS)}::timestamptz
      AND t.updated_at <= ${stoppedAt}::timestamptz`;
  const first = row?.first ?? null;
  return first && first < stoppedAt ? first : stoppedAt;
}
