// Rebuilds the Overview's hourly roll-up (overview_hourly) from transactions. A transaction's
// status changes after its hour has closed (retries, replays, resolutions), so an hour is never
// final: the worker recomputes recent hours every minute and older ones daily (rollup-schedule.ts).
// A tenant's hours are replaced a day at a time, each day in one db transaction, so a reader sees an
// hour either as it was or as recomputed, never half of it; a per-tenant advisory lock keeps two refreshers (two worker
// processes, the seed) from interleaving their delete and insert.
import type { Db } from '@/lib/db';
import { bucketSql, HOUR_MS, latencyBucketSql } from './window-sql';

export interface RollupRange {
  /** one tenant, or every tenant when omitted */
  tenantId?: string;
  /** the hour containing `from` is the first refreshed */
  from: Date;
  /** hours starting before `to` are refreshed, if closed */
  to: Date;
  /** what "closed" is measured against (default: the clock) */
  now?: Date;
}

export interface RollupOutcome {
  tenants: number;
  /** hours recomputed per tenant */
  hours: number;
  /** roll-up rows written over all tenants */
  rows: number;
}

/**
 * Hours replaced per db transaction: a day is about a second of work at a million transactions,
 * well inside the transaction timeout, and keeps a 30-day refresh from holding one long lock.
 */
const CHUNK_MS = 24 * HOUR_MS;
const floorHour = (at: Date) => Math.floor(at.getTime() / HOUR_MS) * HOUR_MS;

/** The closed hours of [from, to): from the hour of `from` to the earlier of `to` and `now`'s hour. */
export function closedHours(range: Pick<RollupRange, 'from' | 'to' | 'now'>) {
  const from = floorHour(range.from);
  const to = Math.min(
    Math.ceil(range.to.getTime() / HOUR_MS) * HOUR_MS,
    floorHour(range.now ?? new Date()),
  );
  return { from: new Date(from), to: new Date(Math.max(from, to)) };
}

export async function refreshOverviewRollups(db: Db, range: RollupRange): Promise<RollupOutcome> {
  const hours = closedHours(range);
  const tenantIds = range.tenantId ? [range.tenantId] : await allTenantIds(db);
  let rows = 0;
  for (const tenantId of tenantIds)
    for (let at = hours.from.getTime(); at < hours.to.getTime(); at += CHUNK_MS) {
      const to = new Date(Math.min(at + CHUNK_MS, hours.to.getTime()));
      rows += await refreshTenant(db, tenantId, { from: new Date(at), to });
    }
  return {
    tenants: tenantIds.length,
    hours: (hours.to.getTime() - hours.from.getTime()) / HOUR_MS,
    rows,
  };
}

/**
 * The start of the hour after the tenant's last rolled-up one (null: nothing rolled up yet). The
 * Overview reads roll-ups before it and transactions from it on (rolled-window-rows.ts).
 */
export async function rolledUpUntil(db: Db, tenantId: string, since: Date): Promise<Date | null> {
  const [row] = await db.$queryRaw<{ until: Date | null }[]>`
    SELECT max(r.hour) + interval '1 hour' AS until FROM overview_hourly r
    WHERE r.tenant_id = ${tenantId}::uuid AND r.hour >= ${since}::timestamptz`;
  return row?.until ?? null;
}

export async function allTenantIds(db: Db): Promise<string[]> {
  const rows = await db.$queryRaw<{ id: string }[]>`SELECT id::text FROM tenants ORDER BY id`;
  return rows.map((r) => r.id);
}

/**
 * Delete and re-insert the tenant's hours: the same grouping as the live window scan
 * (overview.queries.ts `windowRows`) with hourly buckets, before its two grouping sets are split.
 * An index-only scan of the covering time index, like the live scan.
 */
async function refreshTenant(db: Db, tenantId: string, h: { from: Date; to: Date }) {
  const [, , inserted] = await db.$transaction([
    db.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('overview_hourly'), hashtext(${tenantId}))`,
    db.$executeRaw`DELETE FROM overview_hourly r WHERE r.tenant_id = ${tenantId}::uuid
      AND r.hour >= ${h.from}::timestamptz AND r.hour < ${h.to}::timestamptz`,
    db.$executeRaw`
      INSERT INTO overview_hourly
        (tenant_id, hour, flow_id, status, error_class, latency_bucket, count, refreshed_at)
      SELECT t.tenant_id, ${bucketSql(HOUR_MS)}, t.flow_id, t.status,
        coalesce(t.error_class::text, ''), coalesce(${latencyBucketSql}, -1), count(*)::int, now()
      FROM transactions t
      WHERE t.tenant_id = ${tenantId}::uuid
        AND t.created_at >= ${h.from}::timestamptz AND t.created_at < ${h.to}::timestamptz
      GROUP BY 1, 2, 3, 4, 5, 6`,
  ]);
  return inserted;
}
