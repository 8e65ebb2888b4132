// Wakes the drains after a person's change (resume, replay) has been committed. The change is the
// truth and is already in the ledger; the wake-up only makes it fast. If Redis is unreachable the
// periodic sweep (sweepDueConnections) finds the due work anyway, so a failed wake-up must not turn
// a committed resume or replay into an error on screen.
import type { Logger } from '@/lib/observability/logger';
import type { QueueSet } from '@/lib/queue/queues';
import { wakeDispatchers } from './wakeups';

export async function wakeBestEffort(
  deps: { queues: QueueSet; log: Logger },
  tenantId: string,
  connectionIds: readonly string[],
): Promise<boolean> {
  try {
    await wakeDispatchers(deps.queues, tenantId, connectionIds);
    return true;
  } catch (error) {
    deps.log.warn(
      { err: error instanceof Error ? error.message : String(error), tenantId, connectionIds },
      'wake-up failed; the sweep will pick the work up',
    );
    return false;
  }
}
