// Telling connections' drains there is work. A use case that commits dispatchable work (a webhook
// recorded, a replay, a resume, a backfill, a poll) wakes the drains of the connections it gave work
// to, right after its commit: it is handed a WakeDrains and cannot forget. The commit is the truth;
// the wake-up only makes it fast. If Redis is unreachable the periodic sweep
// (lib/engine/wakeups.ts) finds the due work anyway, so a failed wake-up is logged, never thrown:
// it must not turn a committed change into an error. A connection's drain is several shard jobs
// (DRAIN_SHARDS, lib/queue/catalog.ts): a wake-up queues every shard, so a busy connection's work
// can be taken by several workers at once. Waking a shard that is queued or running is a no-op
// (the job id is per connection and shard).
import type { Redis } from 'ioredis';
import { drainJobs } from './catalog';
import { createProducerRedis, whenReady } from './connection';
import { createQueues, enqueue, type QueueSet } from './queues';

/** Wakes these connections' drains; false when the wake-up could not be queued (logged). */
export type WakeDrains = (tenantId: string, connectionIds: readonly string[]) => Promise<boolean>;

interface WarnLog {
  warn(details: Record<string, unknown>, message: string): void;
}

/** Queues every drain shard of each connection; throws when Redis refuses. Prefer drainWaker. */
export async function wakeDispatchers(
  queues: QueueSet,
  tenantId: string,
  connectionIds: readonly string[],
): Promise<void> {
  await enqueue(queues, 'connection.drain', drainJobs(tenantId, connectionIds, queues.drainShards));
}

/**
 * The best-effort waker every use case is given: logs a failure, never throws. Wake-ups asked for
 * in the same turn of the event loop share one addBulk — under load a receiver commits many
 * deliveries for the same few connections at once, and each would otherwise queue every shard of
 * every target again (no-ops in Redis, but each a script run and a round trip). Every caller of a
 * turn awaits that one call, so "woken" still means "queued" when its promise resolves.
 *
 * `minIntervalMs` (the ingest edge's): at most one addBulk per that interval. A wake-up asked for
 * within it of the last one is queued at its end with everything else asked for meanwhile, so a
 * commit is still followed by a wake-up, at most that much later. At a few hundred deliveries a
 * second, each its own turn, the per-turn batching saves nothing and one addBulk per delivery
 * costs the receiver and Redis more CPU than the write; the drains wake often enough either way.
 */
export function drainWaker(
  deps: { queues: QueueSet; log: WarnLog },
  options: { minIntervalMs?: number } = {},
): WakeDrains {
  const interval = options.minIntervalMs ?? 0;
  /** the wake-ups waiting for the next flush, tenant -> connections; null when none is */
  let pending: Map<string, Set<string>> | null = null;
  let queued: Promise<boolean> = Promise.resolve(true);
  let lastFlushAt = -Infinity;

  const flush = async (batch: Map<string, Set<string>>): Promise<boolean> => {
    try {
      const jobs = [...batch].flatMap(([tenantId, ids]) =>
        drainJobs(tenantId, [...ids], deps.queues.drainShards),
      );
      await enqueue(deps.queues, 'connection.drain', jobs);
      return true;
    } catch (error) {
      deps.log.warn(
        {
          err: error instanceof Error ? error.message : String(error),
          connections: [...batch].map(([tenantId, ids]) => ({ tenantId, connectionIds: [...ids] })),
        },
        'wake-up failed; the sweep will pick the work up',
      );
      return false;
    }
  };

  return (tenantId, connectionIds) => {
    if (connectionIds.length === 0) return Promise.resolve(true);
    if (!pending) {
      const batch = new Map<string, Set<string>>();
      pending = batch;
      const run = () => {
        pending = null;
        lastFlushAt = Date.now();
        return flush(batch);
      };
      const wait = lastFlushAt + interval - Date.now();
      queued = new Promise((resolve) => {
        if (wait > 0) setTimeout(() => resolve(run()), wait);
        else setImmediate(() => resolve(run()));
      });
    }
    let ids = pending.get(tenantId);
    if (!ids) pending.set(tenantId, (ids = new Set()));
    for (const id of connectionIds) ids.add(id);
    return queued;
  };
}

/** A waker with a Redis connection of its own, for a short-lived process (the CLI). */
export interface OwnDrainWaker {
  wake: WakeDrains;
  /** closes the connection, if a wake-up opened one */
  close(): Promise<void>;
}

/**
 * For a process that rarely wakes anything (a `waybill` command): connects to Redis on the first
 * wake-up, not before, so a command that commits no dispatchable work never needs Redis. A Redis
 * that cannot be reached within `readyTimeoutMs` fails that wake-up like any other (logged, false):
 * the command's commit stands and the sweep finds the work.
 */
export function ownDrainWaker(
  settings: { redisUrl: string; prefix: string; drainShards: number; readyTimeoutMs?: number },
  log: WarnLog,
): OwnDrainWaker {
  let open: { redis: Redis; queues: QueueSet; wake: WakeDrains } | undefined;
  return {
    async wake(tenantId, connectionIds) {
      if (connectionIds.length === 0) return true;
      if (!open) {
        const redis = createProducerRedis(settings.redisUrl);
        // a refused connection is reported by the failed wake-up, once, not by every retry
        redis.on('error', () => undefined);
        await whenReady(redis, settings.readyTimeoutMs ?? 2000);
        const queues = createQueues(redis, settings.prefix, { drainShards: settings.drainShards });
        open = { redis, queues, wake: drainWaker({ queues, log }) };
      }
      return open.wake(tenantId, connectionIds);
    },
    async close() {
      if (!open) return;
      await open.queues.close();
      open.redis.disconnect();
    },
  };
}
