import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { DEFAULT_DRAIN_SHARDS, JOBS, type JobData, type JobName, type QueueName } from './catalog';

export interface QueueSet {
  get(name: QueueName): Queue;
  /** how many shard jobs make one connection's drain (DRAIN_SHARDS): a wake-up queues them all */
  readonly drainShards: number;
  close(): Promise<void>;
}

/**
 * The queues of one process under `prefix` (QUEUE_PREFIX). A prefix in braces, such as the default
 * `{waybill}`, is a Redis Cluster hash tag: every key of every queue lands in one slot, as BullMQ's
 * multi-key scripts require there.
 */
export function createQueues(
  connection: Redis,
  prefix: string,
  options: { drainShards?: number } = {},
): QueueSet {
  const queues = new Map<QueueName, Queue>();
  return {
    drainShards: options.drainShards ?? DEFAULT_DRAIN_SHARDS,
    get(name) {
      let queue = queues.get(name);
      if (!queue) {
        queue = new Queue(name, { connection, prefix, skipWaitingForReady: true });
        queues.set(name, queue);
      }
      return queue;
    },
    async close() {
      await Promise.all([...queues.values()].map((q) => q.close()));
    },
  };
}

/** Adds jobs under their catalog id, so adding the same work twice is a no-op while it is queued. */
export async function enqueue<N extends JobName>(
  queues: QueueSet,
  name: N,
  items: JobData<N>[],
): Promise<void> {
  if (items.length === 0) return;
  const spec = JOBS[name];
  const jobId = spec.jobId as (data: JobData<N>) => string;
  await queues.get(spec.queue).addBulk(
    items.map((item) => {
      const data = spec.schema.parse(item) as JobData<N>;
      return { name, data, opts: { ...spec.options, jobId: jobId(data) } };
    }),
  );
}
