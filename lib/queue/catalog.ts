// The typed job catalog: every job name with its queue, payload schema (ids only: the ledger holds
// the data) and options. Workers and producers both read it; nothing else names a queue.
import { z } from 'zod';
import type { JobsOptions } from 'bullmq';

export const JOBS = {
  'transaction.dispatch': {
    queue: 'dispatch',
    schema: z.object({ tenantId: z.uuid(), transactionId: z.uuid() }),
    options: {
      // Jobs complete from BullMQ's view once the ledger has recorded the outcome, so they are
      // removed at once: a replay can add the same job id (= transaction id) again.
      removeOnComplete: true,
      // A failed job would keep its id and make every later add of it (sweeper, replay) a silent
      // no-op; the ledger and the logs hold the record, so failed jobs go too.
      removeOnFail: true,
      // Only infrastructure faults (ledger unreachable mid-dispatch) fail a job; provider
      // failures are retried by the engine through the ledger, not by BullMQ attempts.
      attempts: 5,
      backoff: { type: 'exponential', delay: 1000 },
    } satisfies JobsOptions,
  },
} as const;

export type JobName = keyof typeof JOBS;
export type JobData<N extends JobName> = z.infer<(typeof JOBS)[N]['schema']>;
export const QUEUES = [...new Set(Object.values(JOBS).map((j) => j.queue))];
export type QueueName = (typeof JOBS)[JobName]['queue'];
