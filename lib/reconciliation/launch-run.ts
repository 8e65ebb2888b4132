// Starts a run and hands it to the worker (console, API and schedules go through here). If the
// job cannot be queued the run is cancelled at once, as the system, instead of showing a run that
// never moves.
import type { Db } from '@/lib/db';
import type { Logger } from '@/lib/observability/logger';
import { enqueue, type QueueSet } from '@/lib/queue/queues';
import { cancelReconciliationRun } from './cancel-run';
import { startReconciliationRun } from './start-run';

export type LaunchRunResult = { kind: 'started'; runId: string } | { kind: 'queue_unavailable' };

export async function launchReconciliationRun(
  deps: { db: Db; queues: QueueSet; log: Logger },
  tenantId: string,
  input: Parameters<typeof startReconciliationRun>[2],
): Promise<LaunchRunResult> {
  const { runId } = await startReconciliationRun(deps.db, tenantId, input);
  try {
    await enqueue(deps.queues, 'reconciliation.run', [{ tenantId, runId }]);
    return { kind: 'started', runId };
  } catch (error) {
    deps.log.warn({ err: String(error), runId }, 'reconciliation run not queued');
    await cancelReconciliationRun(deps.db, tenantId, runId, {
      actor: { id: 'system', label: 'system' },
      reason: 'the worker queue was unavailable; nothing was compared',
      ...(input.audit && { audit: input.audit }),
    });
    return { kind: 'queue_unavailable' };
  }
}
