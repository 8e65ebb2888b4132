/** The job an outbox row stands for: dispatching its transaction. Named as in lib/queue/catalog. */
export const DISPATCH_JOB = 'transaction.dispatch';
