// The worker's side of the hourly roll-ups: which hours to recompute, and when. Recent hours are
// recomputed every minute because their transactions still change status (retries, replays,
// resolutions); hours older than RECENT_HOURS are refreshed only by the pass over the last
// FULL_HOURS when the worker starts and by the daily one, so a status change to an older
// transaction shows in the Overview within a day (or at the next worker start).
import type { Db } from '@/lib/db';
import { JOBS } from '@/lib/queue/catalog';
import { enqueue, type QueueSet } from '@/lib/queue/queues';
import { allTenantIds, refreshOverviewRollups, rolledUpUntil } from './refresh-rollups';
import { HOUR_MS } from './window-sql';

export const RECENT_HOURS = 48;
/** the 7-day window and a day to spare */
export const FULL_HOURS = 8 * 24;

/**
 * Refreshes every tenant's closed hours of the last `lookbackHours`, reaching further back to the
 * hour after its last rolled-up one (within FULL_HOURS): the Overview takes every hour up to that
 * one as rolled up, so a pass must never leave a gap of hours that were never computed behind it.
 */
export async function runOverviewRollup(
  db: Db,
  job: { lookbackHours: number },
  now: Date = new Date(),
): Promise<{ tenants: number; rows: number }> {
  const earliest = new Date(now.getTime() - FULL_HOURS * HOUR_MS);
  const wanted = now.getTime() - job.lookbackHours * HOUR_MS;
  let rows = 0;
  const tenants = await allTenantIds(db);
  for (const tenantId of tenants) {
    const until = (await rolledUpUntil(db, tenantId, earliest)) ?? earliest;
    const from = new Date(Math.max(earliest.getTime(), Math.min(wanted, until.getTime())));
    rows += (await refreshOverviewRollups(db, { tenantId, from, to: now, now })).rows;
  }
  return { tenants: tenants.length, rows };
}

/** The two schedulers (every minute: recent hours; daily: FULL_HOURS) and the pass at start. */
export async function startRollupSchedules(queues: QueueSet): Promise<void> {
  const spec = JOBS['overview.rollup'];
  const queue = queues.get(spec.queue);
  const schedules = [
    { key: 'overview-rollup-recent', every: 60_000, lookbackHours: RECENT_HOURS },
    { key: 'overview-rollup-daily', every: 24 * HOUR_MS, lookbackHours: FULL_HOURS },
  ];
  for (const s of schedules)
    await queue.upsertJobScheduler(
      s.key,
      { every: s.every },
      { name: 'overview.rollup', data: { lookbackHours: s.lookbackHours }, opts: spec.options },
    );
  await enqueue(queues, 'overview.rollup', [{ lookbackHours: FULL_HOURS }]);
}
