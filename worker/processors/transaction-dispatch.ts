import { DelayedError, type Job } from 'bullmq';
import { dispatchTransaction, type DispatchDeps } from '@/lib/engine/dispatch';
import { JOBS } from '@/lib/queue/catalog';
import type { Logger } from '@/lib/observability/logger';

export function transactionDispatchProcessor(deps: DispatchDeps, log: Logger) {
  return async (job: Job, token?: string): Promise<string> => {
    const ids = JOBS['transaction.dispatch'].schema.parse(job.data);
    const result = await dispatchTransaction(deps, ids);
    if (result.kind === 'retry') {
      // The ledger already says waiting_retry with its next attempt time; the job waits with it.
      await job.moveToDelayed(Date.now() + result.delayMs, token);
      throw new DelayedError();
    }
    log.debug({ transactionId: ids.transactionId, result }, 'dispatched');
    return result.kind === 'gone' ? 'gone' : result.status;
  };
}
