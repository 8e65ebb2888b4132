// Process-wide clients for the web server, created on first use. Kept on globalThis so `next dev`
// module reloads do not open a new pool each time. The ingest receiver (receiver/) builds the same
// context for itself with createServerContext, under its own name.
import type { Redis } from 'ioredis';
import type { Db, ReadDb } from '@/lib/db';
import { keyRingFromEnv, type KeyRing } from '@/lib/crypto/key-ring';
import { serverEnv, type ServerEnv } from '@/lib/env';
import { createLogger, type Logger } from '@/lib/observability/logger';
import { createProducerRedis } from '@/lib/queue/connection';
import { createQueues, type QueueSet } from '@/lib/queue/queues';
import { drainWaker, type WakeDrains } from '@/lib/queue/wake-drains';
import { createDbClients } from './db-clients';

export interface ServerContext {
  env: ServerEnv;
  /** the primary: writes, and reads that must see them (sessions, permissions, forms) */
  db: Db;
  /** reads only, possibly lagging: the console's heavy read screens (a replica when
   *  DATABASE_READ_URL is set, else `db`); never for a write or a read-your-own-write */
  readDb: ReadDb;
  /** commands of our own (flood limits, sign-in throttle, health): no BullMQ scripts on it */
  redis: Redis;
  queues: QueueSet;
  log: Logger;
  /** seals and opens connection secrets (credentials, webhook secrets) */
  keyRing: KeyRing;
  /** handed to every use case that commits dispatchable work */
  wake: WakeDrains;
}

const holder = globalThis as unknown as { __waybill?: ServerContext };

/** The clients of one process that answers HTTP: `name` is its logger's and its database
 *  session's (application_name waybill-<name>), so each process shows apart in logs and pg_stat. */
export function createServerContext(env: ServerEnv, name: string): ServerContext {
  const log = createLogger(env.LOG_LEVEL, name);
  const connect = () => {
    const client = createProducerRedis(env.REDIS_URL);
    client.on('error', (error) => log.warn({ err: error.message }, 'redis connection error'));
    return client;
  };
  // BullMQ gets a connection of its own: it defines its ~40 Lua scripts on the client it is given,
  // and ioredis copies every defined script onto each MULTI it starts. On a shared client each
  // flood-limit check of an ingest request paid for that (measured: a sixth of the receiver's CPU
  // went to ioredis, most of it building pipelines).
  const redis = connect();
  const queueRedis = connect();
  // every process wakes all DRAIN_SHARDS shards of a connection's drain
  const shared = createQueues(queueRedis, env.QUEUE_PREFIX, { drainShards: env.DRAIN_SHARDS });
  const queues: QueueSet = {
    ...shared,
    async close() {
      await shared.close();
      queueRedis.disconnect();
    },
  };
  return {
    env,
    ...createDbClients(env, name),
    redis,
    queues,
    log,
    keyRing: keyRingFromEnv(env),
    wake: drainWaker({ queues, log }),
  };
}

export function serverContext(): ServerContext {
  return (holder.__waybill ??= createServerContext(serverEnv(), 'web'));
}
