import type { JobName } from '@/lib/queue/catalog';

/** The job an outbox row stands for: dispatching its transaction (a name of the job catalog). */
export const DISPATCH_JOB = 'transaction.dispatch' satisfies JobName;
