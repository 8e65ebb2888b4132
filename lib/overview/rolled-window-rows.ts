// The window's grouped rows, hourly windows served mostly from the roll-up (overview_hourly): the
// hours up to the tenant's last rolled-up one are read from it, the rest (the open hour, and any
// hour the worker has not rolled up yet, e.g. a fresh install without a worker) from transactions.
// Both halves come back in windowRows' shape, so everything after is the same either way.
import type { Db } from '@/lib/db';
import { windowRows } from './overview.queries';
import { rolledUpUntil } from './refresh-rollups';
import type { WindowBounds } from './window';
import { HOUR_MS } from './window-sql';
import type { WindowRow } from './window-rows';

type Bounds = Pick<WindowBounds, 'from' | 'to' | 'stepMs'>;

export async function windowRowsWithRollups(
  db: Db,
  tenantId: string,
  bounds: Bounds,
): Promise<WindowRow[]> {
  // 5-minute buckets (the 1-hour window) are finer than the roll-up, and scan an hour at most.
  if (bounds.stepMs !== HOUR_MS) return windowRows(db, tenantId, bounds);
  const until = await rolledUpUntil(db, tenantId, bounds.from);
  const split = liveFrom(bounds, until);
  if (split <= bounds.from) return windowRows(db, tenantId, bounds);
  const [rolled, live] = await Promise.all([
    rolledRows(db, tenantId, { from: bounds.from, to: split }),
    windowRows(db, tenantId, { ...bounds, from: split }),
  ]);
  return [...rolled, ...live];
}

/** Where the live scan starts: after the last rolled-up hour, and never after the open hour. */
export function liveFrom(bounds: Bounds, rolledUntil: Date | null): Date {
  const openHour = Math.floor(bounds.to.getTime() / HOUR_MS) * HOUR_MS;
  const until = rolledUntil?.getTime() ?? bounds.from.getTime();
  return new Date(Math.max(bounds.from.getTime(), Math.min(until, openHour)));
}

/**
 * The roll-up's hours of [from, to) in windowRows' two grouping sets: per flow, hour, status and
 * error class, and per flow, status and latency bucket (summed over the hours). The sentinels of
 * the roll-up's key ('' and -1) turn back into the nulls the live scan returns.
 */
function rolledRows(db: Db, tenantId: string, h: { from: Date; to: Date }): Promise<WindowRow[]> {
  return db.$queryRaw<WindowRow[]>`
    SELECT r.flow_id AS "flowId", r.hour AS bucket, r.status,
      nullif(r.error_class, '')::"ErrorClass" AS "errorClass",
      nullif(r.latency_bucket, -1) AS "latencyBucket", sum(r.count)::int AS count
    FROM overview_hourly r
    WHERE r.tenant_id = ${tenantId}::uuid
      AND r.hour >= ${h.from}::timestamptz AND r.hour < ${h.to}::timestamptz
    GROUP BY GROUPING SETS ((r.flow_id, r.hour, r.status, r.error_class),
      (r.flow_id, r.status, r.latency_bucket))`;
}
