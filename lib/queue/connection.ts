// Redis connections for BullMQ. Producers in a request path fail fast (no offline queue, one try)
// so a Redis outage costs a webhook nothing: the outbox sweeper enqueues later. Workers wait
// patiently (maxRetriesPerRequest: null), as BullMQ requires.
import { Redis } from 'ioredis';

export function createProducerRedis(url: string): Redis {
  return new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 1000,
    lazyConnect: false,
  });
}

export function createWorkerRedis(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, enableReadyCheck: true });
}

/** Resolves once the connection is ready (or after timeoutMs, whichever is first): a fail-fast
 *  producer refuses commands until then, so start-up work waits for it instead of failing. */
export function whenReady(redis: Redis, timeoutMs = 5000): Promise<void> {
  if (redis.status === 'ready') return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      redis.off('ready', done);
      resolve();
    };
    const timer = setTimeout(done, timeoutMs);
    redis.once('ready', done);
  });
}
