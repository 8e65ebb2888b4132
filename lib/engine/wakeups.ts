// Who tells a connection's drain that there is work. The fast path: the use cases that commit
// dispatchable work wake the connections they gave it to (lib/queue/wake-drains.ts). The safety
// net: a periodic sweep finds every connection with due outbox rows (a wake-up lost to a Redis
// restart, a retry that came due, a crashed worker's lease that expired) and wakes it: every shard
// of its drain, like a wake-up. Waking a shard that is queued or running is a no-op (the job id is
// per connection and shard). The sweeps below span tenants: they are system work, and each job
// they produce carries its tenant (so do the poll schedulers' sync and the drain's own row helpers).
import type { Db } from '@/lib/db';
import { drainJobs } from '@/lib/queue/catalog';
import type { QueueSet } from '@/lib/queue/queues';
import { enqueue } from '@/lib/queue/queues';

/** Wakes every active connection that has due, dispatchable work. Returns how many. */
export async function sweepDueConnections(deps: { db: Db; queues: QueueSet }): Promise<number> {
  // One index probe per connection (outbox_connection_id_available_at_idx), whatever the backlog.
  const due = await deps.db.$queryRaw<{ tenant_id: string; connection_id: string }[]>`
    SELECT c.tenant_id::text, c.id::text AS connection_id FROM connections c
    WHERE c.status = 'active' AND EXISTS (
      SELECT 1 FROM outbox o JOIN flows f ON f.id = o.flow_id AND f.status = 'active'
      WHERE o.connection_id = c.id AND o.available_at <= now())`;
  await enqueue(
    deps.queues,
    'connection.drain',
    due.flatMap((r) => drainJobs(r.tenant_id, [r.connection_id], deps.queues.drainShards)),
  );
  return due.length;
}

/** Re-adds the job of every running replay batch (lost to a Redis restart, or never enqueued). */
export async function sweepRunningReplays(deps: { db: Db; queues: QueueSet }): Promise<number> {
  const running = await deps.db.$queryRaw<{ tenant_id: string; id: string }[]>`
    SELECT tenant_id::text, id::text FROM replay_batches WHERE status = 'running'`;
  await enqueue(
    deps.queues,
    'replay.batch',
    running.map((r) => ({ tenantId: r.tenant_id, batchId: r.id })),
  );
  return running.length;
}

/** Re-adds the job of every running replay pre-flight (lost to a Redis restart, or never enqueued). */
export async function sweepRunningPreflights(deps: { db: Db; queues: QueueSet }): Promise<number> {
  const running = await deps.db.$queryRaw<{ tenant_id: string; id: string }[]>`
    SELECT tenant_id::text, id::text FROM replay_preflights WHERE status = 'running'`;
  await enqueue(
    deps.queues,
    'replay.preflight',
    running.map((r) => ({ tenantId: r.tenant_id, preflightId: r.id })),
  );
  return running.length;
}
