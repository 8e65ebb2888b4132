// The retention queue: the sweep queues a run per tenant with a payload retention; a run replaces
// that tenant's old bodies by a marker in bounded batches (lib/retention/, ADR 0023). A stopping
// worker ends a run at its next batch boundary; the next sweep finishes it.
import type { Db } from '@/lib/db';
import type { Logger } from '@/lib/observability/logger';
import type { JobHandler } from '@/lib/queue/handlers';
import type { QueueSet } from '@/lib/queue/queues';
import { expungeOldPayloads } from '@/lib/retention/expunge-old-payloads';
import { queueRetentionRuns } from '@/lib/retention/retention-job';

export interface RetentionDeps {
  db: Db;
  queues: QueueSet;
  log: Logger;
  /** rows per statement (RETENTION_BATCH_SIZE) */
  batchSize: number;
  shouldStop: () => boolean;
}

export function retentionSweep(deps: RetentionDeps): JobHandler<'retention.sweep'> {
  return async () => `${await queueRetentionRuns(deps.db, deps.queues)} retention runs queued`;
}

export function retentionExpunge(deps: RetentionDeps): JobHandler<'retention.expunge'> {
  return async (data, job) => {
    const started = performance.now();
    const outcome = await expungeOldPayloads(deps.db, {
      tenantId: data.tenantId,
      batchSize: deps.batchSize,
      shouldStop: deps.shouldStop,
    });
    const { inboundEvents, timelineEntries, driftItems } = outcome;
    if (inboundEvents + timelineEntries + driftItems > 0 || outcome.stopped)
      deps.log.info(
        { jobId: job.id, ...outcome, ms: Math.round(performance.now() - started) },
        outcome.stopped ? 'retention run stopped at a batch boundary' : 'retention run done',
      );
    return `${inboundEvents} inbound, ${timelineEntries} timeline, ${driftItems} drift expunged`;
  };
}
