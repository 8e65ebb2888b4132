// Saving a flow's schedule (the truth, in PostgreSQL, audited) and then moving its BullMQ job
// scheduler. The second step is best effort: if Redis does not answer, the worker's minute-by-
// minute schedule sync applies the saved schedule, so a saved change is never lost.
import type { Db } from '@/lib/db';
import type { Logger } from '@/lib/observability/logger';
import type { QueueSet } from '@/lib/queue/queues';
import { setFlowSchedule, type FlowSchedule } from './flow-schedule';
import { syncFlowSchedule } from './schedule';

export async function applyFlowSchedule(
  deps: { db: Db; queues: QueueSet; log: Logger },
  tenantId: string,
  flowId: string,
  input: Parameters<typeof setFlowSchedule>[3],
): Promise<FlowSchedule> {
  const schedule = await setFlowSchedule(deps.db, tenantId, flowId, input);
  try {
    await syncFlowSchedule(deps, tenantId, flowId);
  } catch (error) {
    deps.log.warn(
      { err: error instanceof Error ? error.message : String(error), flowId },
      'reconciliation schedule saved; the worker will apply it within a minute',
    );
  }
  return schedule;
}
