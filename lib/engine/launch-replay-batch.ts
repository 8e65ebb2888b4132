// Starts a bulk replay and hands it to the worker: the batch row first (the truth, audited with
// it), then its job. Nothing re-queues a running batch whose job never reached Redis, so if the
// enqueue fails the batch is cancelled before any chunk ran (nothing was replayed) instead of
// showing a bar that never moves; that cancel is recorded as the system's. The console, the error
// queues and the API all start batches through here.
import type { Db } from '@/lib/db';
import type { AuditContext } from '@/lib/ledger/operator-audit';
import type { Logger } from '@/lib/observability/logger';
import { enqueue, type QueueSet } from '@/lib/queue/queues';
import type { Actor } from './replay';
import { cancelReplayBatch, startReplayBatch, type ReplayFilter } from './replay-batch';

export type LaunchResult =
  | { kind: 'started'; batchId: string; total: number; linked: number }
  | { kind: 'queue_unavailable' };

const SYSTEM: Actor = { id: 'system', label: 'system' };

export async function launchReplayBatch(
  deps: { db: Db; queues: QueueSet; log: Logger },
  tenantId: string,
  input: {
    filter: ReplayFilter;
    actor: Actor;
    reason: string;
    audit?: AuditContext;
    preflightId?: string;
  },
): Promise<LaunchResult> {
  const started = await startReplayBatch(deps.db, tenantId, input);
  if (started.total === 0) return { kind: 'started', ...started };
  try {
    await enqueue(deps.queues, 'replay.batch', [{ tenantId, batchId: started.batchId }]);
    return { kind: 'started', ...started };
  } catch (error) {
    deps.log.warn({ err: String(error), batchId: started.batchId }, 'replay batch not queued');
    await cancelReplayBatch(deps.db, tenantId, started.batchId, {
      actor: SYSTEM,
      reason: 'the worker queue was unavailable; nothing was replayed',
      audit: input.audit,
    });
    return { kind: 'queue_unavailable' };
  }
}
