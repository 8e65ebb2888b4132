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
