// The worker process: BullMQ workers from the job catalog plus the outbox sweeper.
// SIGTERM/SIGINT: stop taking jobs, let active ones finish, close connections, exit 0.
import { Worker } from 'bullmq';
import { createDb } from '@/lib/db';
import { encryptionKey } from '@/lib/crypto/secret-box';
import { sweepOutbox } from '@/lib/engine/outbox-sweeper';
import { serverEnv } from '@/lib/env';
import { createLogger } from '@/lib/observability/logger';
import { JOBS } from '@/lib/queue/catalog';
import { createProducerRedis, createWorkerRedis } from '@/lib/queue/connection';
import { createQueues } from '@/lib/queue/queues';
import { transactionDispatchProcessor } from './processors/transaction-dispatch';

const env = serverEnv();
const log = createLogger(env.LOG_LEVEL, 'worker');
const db = createDb({
  connectionString: env.DATABASE_URL,
  poolSize: env.DB_POOL_SIZE,
  connectTimeoutMs: env.DB_CONNECT_TIMEOUT_MS,
  applicationName: 'waybill-worker',
});
const workerRedis = createWorkerRedis(env.REDIS_URL);
const producerRedis = createProducerRedis(env.REDIS_URL);
const queues = createQueues(producerRedis, env.QUEUE_PREFIX);

const dispatchDeps = {
  db,
  encryptionKey: encryptionKey(env.WAYBILL_ENCRYPTION_KEY),
  providerTimeoutMs: env.PROVIDER_TIMEOUT_MS,
  outboxGraceMs: env.OUTBOX_GRACE_MS,
};

const worker = new Worker(
  JOBS['transaction.dispatch'].queue,
  transactionDispatchProcessor(dispatchDeps, log),
  {
    connection: workerRedis,
    prefix: env.QUEUE_PREFIX,
    concurrency: env.WORKER_CONCURRENCY,
    lockDuration: env.WORKER_LOCK_MS,
    stalledInterval: Math.max(1000, Math.floor(env.WORKER_LOCK_MS / 2)),
    // The ledger decides when to give up; a job that stalls because its worker died is picked up again.
    maxStalledCount: 100,
  },
);
worker.on('failed', (job, error) =>
  log.error({ jobId: job?.id, err: error }, 'job failed (infrastructure)'),
);
worker.on('error', (error) => log.error({ err: error }, 'worker error'));

let sweeping = false;
const sweeper = setInterval(() => {
  if (sweeping) return;
  sweeping = true;
  sweepOutbox({ db, queues, graceMs: env.OUTBOX_GRACE_MS })
    .then((n) => n > 0 && log.info({ requeued: n }, 'outbox sweep re-enqueued transactions'))
    .catch((error: unknown) => log.warn({ err: error }, 'outbox sweep failed; will retry'))
    .finally(() => (sweeping = false));
}, env.OUTBOX_SWEEP_INTERVAL_MS);

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, 'worker stopping: finishing active jobs');
  clearInterval(sweeper);
  await worker.close();
  await queues.close();
  workerRedis.disconnect();
  producerRedis.disconnect();
  await db.$disconnect();
  log.info('worker stopped');
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
log.info({ concurrency: env.WORKER_CONCURRENCY, prefix: env.QUEUE_PREFIX }, 'worker started');
