// Scheduled reconciliation: one BullMQ job scheduler per active flow whose systems can be read
// (a source that lists or a target whose record can be read) and whose schedule is on, at the
// flow's own UTC cron pattern (flow-schedule.ts; default 02:15), each run for the previous UTC day.
// A sweep re-queues running runs whose job was lost (a Redis restart): the job id per run dedupes.
import type { Db } from '@/lib/db';
import type { Logger } from '@/lib/observability/logger';
import { JOBS } from '@/lib/queue/catalog';
import { enqueue, type QueueSet } from '@/lib/queue/queues';
import { DEFAULT_RECONCILE_CRON } from './flow-schedule';
import { launchReconciliationRun } from './launch-run';
import { canReconcile } from './reconcilable-flows';

const PREFIX = 'reconcile-';
const DAY_MS = 24 * 3600_000;

interface ScheduledFlow {
  id: string;
  tenant_id: string;
  source: string;
  target: string;
  source_settings: unknown;
  target_settings: unknown;
  operation: string;
  poll_feed: string | null;
  status: string;
  reconcile_scheduled: boolean;
  reconcile_cron: string | null;
}

function wantsSchedule(f: ScheduledFlow): boolean {
  return (
    f.status === 'active' &&
    f.reconcile_scheduled &&
    canReconcile({
      source: { provider: f.source, settings: f.source_settings },
      target: { provider: f.target, settings: f.target_settings },
      operation: f.operation,
      pollFeed: f.poll_feed,
    })
  );
}

/** Every tenant's flows (the worker's sync), or one flow of one tenant. */
async function scheduledFlows(db: Db, one?: { tenantId: string; flowId: string }) {
  return db.$queryRaw<ScheduledFlow[]>`
    SELECT f.id::text, f.tenant_id::text, s.provider AS source, t.provider AS target,
           s.settings AS source_settings, t.settings AS target_settings, f.operation,
           f.poll_feed, f.status::text, f.reconcile_scheduled, f.reconcile_cron
    FROM flows f JOIN connections s ON s.id = f.source_connection_id
    JOIN connections t ON t.id = f.target_connection_id
    WHERE (${one?.flowId ?? null}::uuid IS NULL
           OR (f.id = ${one?.flowId ?? null}::uuid AND f.tenant_id = ${one?.tenantId ?? null}::uuid))`;
}

/** Puts one flow's scheduler in line with its row: upserted at its pattern, or removed. */
async function applySchedule(queues: QueueSet, f: ScheduledFlow): Promise<boolean> {
  const spec = JOBS['reconciliation.scheduled'];
  const queue = queues.get(spec.queue);
  if (!wantsSchedule(f)) {
    await queue.removeJobScheduler(`${PREFIX}${f.id}`);
    return false;
  }
  await queue.upsertJobScheduler(
    `${PREFIX}${f.id}`,
    { pattern: f.reconcile_cron ?? DEFAULT_RECONCILE_CRON, tz: 'UTC' },
    {
      name: 'reconciliation.scheduled',
      data: { tenantId: f.tenant_id, flowId: f.id },
      opts: spec.options,
    },
  );
  return true;
}

/** At worker start: every flow's scheduler, and none left for flows that are gone. */
export async function syncReconciliationSchedules(deps: {
  db: Db;
  queues: QueueSet;
}): Promise<number> {
  const flows = await scheduledFlows(deps.db);
  let scheduled = 0;
  for (const f of flows) if (await applySchedule(deps.queues, f)) scheduled += 1;
  const known = new Set(flows.map((f) => `${PREFIX}${f.id}`));
  const queue = deps.queues.get(JOBS['reconciliation.scheduled'].queue);
  for (const s of await queue.getJobSchedulers()) {
    if (s.key.startsWith(PREFIX) && !known.has(s.key)) await queue.removeJobScheduler(s.key);
  }
  return scheduled;
}

/** After a flow's schedule, status or connections changed: its scheduler follows at once. */
export async function syncFlowSchedule(
  deps: { db: Db; queues: QueueSet },
  tenantId: string,
  flowId: string,
): Promise<boolean> {
  const [flow] = await scheduledFlows(deps.db, { tenantId, flowId });
  return flow ? applySchedule(deps.queues, flow) : false;
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
