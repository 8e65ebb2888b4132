// The outbox sweeper: anything committed to the ledger whose job may not be in Redis (a crash
// between commit and enqueue, a Redis restart or flush, a lost delayed retry) is enqueued again.
// Re-adding is safe: the job id is the transaction id, BullMQ ignores an id it already holds, and
// dispatch ignores transactions that are settled. This is the one query that spans tenants: it is
// system work, and the job it produces carries the tenant.
import type { Db } from '@/lib/db';
import type { QueueSet } from '@/lib/queue/queues';
import { enqueue } from '@/lib/queue/queues';

/** only one sweeper works at a time, whichever worker process gets this lock */
const SWEEP_LOCK = 0x5742_0001;

export interface SweepDeps {
  db: Db;
  queues: QueueSet;
  /** rows younger than this are left to the enqueue that follows their commit */
  graceMs: number;
  batchSize?: number;
}

interface DueRow {
  transaction_id: string;
  tenant_id: string;
}

export async function sweepOutbox(deps: SweepDeps): Promise<number> {
  const batch = deps.batchSize ?? 1000;
  return deps.db.$transaction(
    async (tx) => {
      const [lock] = await tx.$queryRaw<
        { locked: boolean }[]
      >`SELECT pg_try_advisory_xact_lock(${SWEEP_LOCK}) AS locked`;
      if (!lock?.locked) return 0;
      const due = await tx.$queryRaw<DueRow[]>`
      SELECT transaction_id::text, tenant_id::text FROM outbox
      WHERE available_at <= now() - make_interval(secs => ${deps.graceMs / 1000})
      ORDER BY available_at LIMIT ${batch} FOR UPDATE SKIP LOCKED`;
      if (due.length === 0) return 0;
      // Enqueue before pushing available_at forward: if Redis refuses, the rollback keeps them due.
      await enqueue(
        deps.queues,
        'transaction.dispatch',
        due.map((r) => ({
          jobId: r.transaction_id,
          data: { tenantId: r.tenant_id, transactionId: r.transaction_id },
        })),
      );
      // Next look after grace * 2^sweeps (capped): a row stuck behind a long backlog costs less and less.
      await tx.$executeRaw`
      UPDATE outbox SET sweeps = sweeps + 1,
        available_at = now() + make_interval(secs => ${deps.graceMs / 1000} * power(2, least(sweeps, 6)))
      WHERE transaction_id = ANY(${due.map((r) => r.transaction_id)}::uuid[])`;
      return due.length;
    },
    { timeout: 15_000 },
  ); // Prisma's 5 s default is short for a slow Redis under load
}
