// Scheduled reconciliation: one BullMQ job scheduler per active flow whose systems can be read
// (a source that lists or a target whose record can be read), every night for the previous UTC day.
// Flows carry no schedule of their own yet (schema), so the pattern is one constant here. A sweep
// re-queues running runs whose job was lost (a Redis restart): the job id per run dedupes.
import type { Db } from '@/lib/db';
import type { Logger } from '@/lib/observability/logger';
import { getAdapter } from '@/lib/providers/registry';
import { JOBS } from '@/lib/queue/catalog';
import { enqueue, type QueueSet } from '@/lib/queue/queues';
import { launchReconciliationRun } from './launch-run';

/** 02:15 UTC: after the day closed and most late webhooks have arrived. */
export const NIGHTLY = { pattern: '15 2 * * *', tz: 'UTC' } as const;
const PREFIX = 'reconcile-';
const DAY_MS = 24 * 3600_000;

export async function syncReconciliationSchedules(deps: {
  db: Db;
  queues: QueueSet;
}): Promise<number> {
  const flows = await deps.db.$queryRaw<
    { id: string; tenant_id: string; source: string; target: string; operation: string }[]
  >`
    SELECT f.id::text, f.tenant_id::text, s.provider AS source, t.provider AS target, f.operation
    FROM flows f JOIN connections s ON s.id = f.source_connection_id
    JOIN connections t ON t.id = f.target_connection_id
    WHERE f.status = 'active' AND f.poll_feed IS NULL`;
  const readable = flows.filter((f) => {
    const source = getAdapter(f.source).reconcile?.listSource;
    const target = getAdapter(f.target).recordReaders?.[f.operation];
    return Boolean(source ?? target);
  });
  const spec = JOBS['reconciliation.scheduled'];
  const queue = deps.queues.get(spec.queue);
  for (const f of readable) {
    await queue.upsertJobScheduler(`${PREFIX}${f.id}`, NIGHTLY, {
      name: 'reconciliation.scheduled',
      data: { tenantId: f.tenant_id, flowId: f.id },
      opts: spec.options,
    });
  }
  const wanted = new Set(readable.map((f) => `${PREFIX}${f.id}`));
  for (const s of await queue.getJobSchedulers()) {
    if (s.key.startsWith(PREFIX) && !wanted.has(s.key)) await queue.removeJobScheduler(s.key);
  }
  return readable.length;
}

/** The window a nightly run covers: the whole UTC day before `now`. */
export function previousUtcDay(now: Date): { windowFrom: Date; windowTo: Date } {
  const windowTo = new Date(Math.floor(now.getTime() / DAY_MS) * DAY_MS);
  return { windowFrom: new Date(windowTo.getTime() - DAY_MS), windowTo };
}

export async function launchScheduledRun(
  deps: { db: Db; queues: QueueSet; log: Logger },
  ids: { tenantId: string; flowId: string },
  now = new Date(),
) {
  return launchReconciliationRun(deps, ids.tenantId, {
    flowId: ids.flowId,
    ...previousUtcDay(now),
    trigger: 'schedule',
    actor: { id: 'system', label: 'schedule' },
  });
}

export async function sweepRunningReconciliations(deps: { db: Db; queues: QueueSet }) {
  const running = await deps.db.$queryRaw<{ tenant_id: string; id: string }[]>`
    SELECT tenant_id::text, id::text FROM reconciliation_runs WHERE status = 'running'`;
  await enqueue(
    deps.queues,
    'reconciliation.run',
    running.map((r) => ({ tenantId: r.tenant_id, runId: r.id })),
  );
  return running.length;
}
