// The worker's side of retention: a job scheduler runs the sweep every RETENTION_EVERY_MS (default
// a day); the sweep queues one `retention.expunge` per tenant that keeps payloads for a limited
// time. A tenant whose setting is null (keep forever) gets no job at all.
import type { Db } from '@/lib/db';
import { JOBS } from '@/lib/queue/catalog';
import { enqueue, type QueueSet } from '@/lib/queue/queues';

export const DEFAULT_RETENTION_EVERY_MS = 24 * 60 * 60 * 1000;

/** Every tenant with a payload retention, as retention jobs' data. */
export async function tenantsWithRetention(db: Db): Promise<{ tenantId: string }[]> {
  // Tenants are few (one per organisation): the only cross-tenant read here is this list of ids.
  const rows = await db.tenant.findMany({
    where: { payloadRetentionDays: { not: null } },
    select: { id: true },
    orderBy: { id: 'asc' },
  });
  return rows.map((r) => ({ tenantId: r.id }));
}

/** The sweep: one retention run per tenant that has one (a run already queued is not added twice). */
export async function queueRetentionRuns(db: Db, queues: QueueSet): Promise<number> {
  const runs = await tenantsWithRetention(db);
  await enqueue(queues, 'retention.expunge', runs);
  return runs.length;
}

export async function startRetentionSchedule(queues: QueueSet, everyMs: number): Promise<void> {
  const spec = JOBS['retention.sweep'];
  await queues
    .get(spec.queue)
    .upsertJobScheduler(
      'retention-sweep',
      { every: everyMs },
      { name: 'retention.sweep', data: {}, opts: spec.options },
    );
}
