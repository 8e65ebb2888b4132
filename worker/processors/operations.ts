// The operations queue: replay batches (chunked, resumable) and scheduled polls.
import type { Job } from 'bullmq';
import type { Db } from '@/lib/db';
import { pollFlow, type PollDeps } from '@/lib/engine/poll';
import { runReplayChunk } from '@/lib/engine/replay-batch';
import { drainWaker } from '@/lib/queue/wake-drains';
import { JOBS } from '@/lib/queue/catalog';
import { launchScheduledRun } from '@/lib/reconciliation/schedule';
import { processReconciliationRun } from './reconciliation';

export function operationsProcessor(deps: PollDeps & { db: Db }) {
  return async (job: Job): Promise<string> => {
    switch (job.name) {
      case 'replay.batch': {
        const { tenantId, batchId } = JOBS['replay.batch'].schema.parse(job.data);
        for (;;) {
          const chunk = await runReplayChunk(deps.db, tenantId, batchId, drainWaker(deps));
          if (chunk.done) return 'done';
        }
      }
      case 'flow.poll': {
        const outcome = await pollFlow(deps, JOBS['flow.poll'].schema.parse(job.data));
        if (outcome.kind === 'failed') deps.log.warn({ jobId: job.id, ...outcome }, 'poll failed');
        return outcome.kind;
      }
      case 'reconciliation.run':
        return processReconciliationRun(deps, job.data);
      case 'reconciliation.scheduled': {
        const ids = JOBS['reconciliation.scheduled'].schema.parse(job.data);
        return (await launchScheduledRun(deps, ids)).kind;
      }
      default:
        throw new Error(`no processor for job ${job.name}`);
    }
  };
}
