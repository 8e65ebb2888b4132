// The worker process: one BullMQ worker per queue of the job catalog, each job to its handler
// (worker/handlers.ts); the dispatch sweep; the job schedulers of polled flows and of the
// Overview's hourly roll-ups. SIGTERM/SIGINT: stop taking jobs, let active ones finish (drains stop
// at their next batch boundary), close connections, exit 0.
import { Worker } from 'bullmq';
import { createDb } from '@/lib/db';
import { keyRingFromEnv } from '@/lib/crypto/key-ring';
import { syncPollSchedules } from '@/lib/engine/poll';
import {
  sweepDueConnections,
  sweepRunningPreflights,
  sweepRunningReplays,
} from '@/lib/engine/wakeups';
import { redisRateLimiter } from '@/lib/engine/rate-limiter-redis';
import {
  sweepRunningReconciliations,
  syncReconciliationSchedules,
} from '@/lib/reconciliation/schedule';
import { metricsToken, serverEnv } from '@/lib/env';
import { startRollupSchedules } from '@/lib/overview/rollup-job';
import { startWatchSchedules } from '@/lib/alerts/watch-schedules';
import { startIssueUpkeepSchedule } from '@/lib/issues/upkeep-schedule';
import { startRetentionSchedule } from '@/lib/retention/retention-job';
import { outboundAllowHosts } from '@/lib/outbound';
import { createLogger } from '@/lib/observability/logger';
import { createProducerRedis, createWorkerRedis, whenReady } from '@/lib/queue/connection';
import { createQueues } from '@/lib/queue/queues';
import { QUEUES, QUEUE_SETTINGS } from '@/lib/queue/catalog';
import { queueProcessor } from '@/lib/queue/handlers';
import { jobHandlers } from './handlers';
import { createWorkerMetrics } from './observability/worker-metrics';
import { startMetricsServer, type MetricsServer } from './observability/metrics-server';
import { checkWorkerReadiness } from './observability/readiness';

const env = (() => {
  try {
    // METRICS_TOKEN guards /metrics here as on the web (a too-short one refuses to start)
    return { ...serverEnv(), METRICS_TOKEN: metricsToken() };
  } catch (error) {
    // a configuration refusal names each setting: that line is the whole message
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
})();
const log = createLogger(env.LOG_LEVEL, 'worker');
const db = createDb({
  connectionString: env.DATABASE_URL,
  poolSize: env.DB_POOL_SIZE,
  connectTimeoutMs: env.DB_CONNECT_TIMEOUT_MS,
  preparedStatements: env.DB_PREPARED_STATEMENTS === '1',
  applicationName: 'waybill-worker',
});
const workerRedis = createWorkerRedis(env.REDIS_URL);
const producerRedis = createProducerRedis(env.REDIS_URL);
const queues = createQueues(producerRedis, env.QUEUE_PREFIX, { drainShards: env.DRAIN_SHARDS });
const keyRing = keyRingFromEnv(env);
const metrics = createWorkerMetrics({ db, log });
let stopping = false;

const common = {
  connection: workerRedis,
  prefix: env.QUEUE_PREFIX,
  lockDuration: env.WORKER_LOCK_MS,
  stalledInterval: Math.max(1000, Math.floor(env.WORKER_LOCK_MS / 2)),
  // The ledger decides when to give up (claims counted per transaction); a job whose worker died
  // is simply picked up again.
  maxStalledCount: 100,
};
const handlers = jobHandlers({
  drain: {
    db,
    keyRing,
    providerTimeoutMs: env.PROVIDER_TIMEOUT_MS,
    leaseMs: env.DISPATCH_LEASE_MS,
    batchSize: env.DISPATCH_BATCH_SIZE,
    budgetMs: env.DISPATCH_BUDGET_MS,
    lanes: env.DISPATCH_LANES,
    shards: env.DRAIN_SHARDS,
    // The fail-fast connection: a drain whose Redis is gone fails its batch instead of waiting.
    rateLimiter: redisRateLimiter(producerRedis, env.QUEUE_PREFIX, {
      marginMs: env.RATE_LIMIT_MARGIN_MS,
    }),
    fillWaitMs: env.DISPATCH_FILL_WAIT_MS,
    log,
    shouldStop: () => stopping,
    observe: metrics.observer,
  },
  operations: { db, queues, keyRing, providerTimeoutMs: env.PROVIDER_TIMEOUT_MS, log },
  alerts: {
    keyRing,
    timeoutMs: env.ALERT_DELIVERY_TIMEOUT_MS,
    allowHosts: outboundAllowHosts(),
    ...(env.NEXTAUTH_URL && { baseUrl: env.NEXTAUTH_URL }),
    ...(env.SMTP_URL &&
      env.ALERT_EMAIL_FROM && { smtp: { url: env.SMTP_URL, from: env.ALERT_EMAIL_FROM } }),
  },
  retention: { batchSize: env.RETENTION_BATCH_SIZE, shouldStop: () => stopping },
  issueUpkeepLagMs: env.ISSUE_UPKEEP_LAG_MS,
});
// One BullMQ worker per queue of the catalog, with the queue's concurrency.
const workers = QUEUES.map((queue) => {
  const { concurrency } = QUEUE_SETTINGS[queue];
  const worker = new Worker(queue, queueProcessor(queue, handlers), {
    ...common,
    concurrency: concurrency === 'configured' ? env.WORKER_CONCURRENCY : concurrency,
  });
  worker.on('failed', (job, error) =>
    log.error({ jobId: job?.id, err: error }, 'job failed (infrastructure)'),
  );
  worker.on('error', (error) => log.error({ err: error }, 'worker error'));
  return worker;
});

// /metrics and /health on their own port. A port already taken is logged, not fatal: dispatch
// matters more than its numbers (several workers on one host each need their own port, or 0).
let metricsServer: MetricsServer | undefined;
startMetricsServer({
  host: env.WORKER_METRICS_HOST,
  port: env.WORKER_METRICS_PORT,
  token: env.METRICS_TOKEN,
  render: () => metrics.render(),
  contentType: metrics.registry.contentType,
  readiness: () =>
    checkWorkerReadiness({ db, redis: producerRedis, workers: () => (stopping ? [] : workers) }),
})
  .then((server) => {
    metricsServer = server;
    log.info({ url: server.url }, 'worker metrics and health listening');
  })
  .catch((error: unknown) =>
    log.error(
      { err: error, port: env.WORKER_METRICS_PORT },
      'worker metrics and health not served (WORKER_METRICS_PORT)',
    ),
  );

let sweeping = false;
const sweeper = setInterval(() => {
  if (sweeping) return;
  sweeping = true;
  Promise.all([
    sweepDueConnections({ db, queues }),
    sweepRunningReplays({ db, queues }),
    sweepRunningPreflights({ db, queues }),
    sweepRunningReconciliations({ db, queues }),
  ])
    .catch((error: unknown) => log.warn({ err: error }, 'dispatch sweep failed; will retry'))
    .finally(() => (sweeping = false));
}, env.DISPATCH_SWEEP_INTERVAL_MS);

const schedules = setInterval(() => {
  syncPollSchedules({ db, queues }).catch((error: unknown) =>
    log.warn({ err: error }, 'poll schedules not synced; will retry'),
  );
  syncReconciliationSchedules({ db, queues }).catch((error: unknown) =>
    log.warn({ err: error }, 'reconciliation schedules not synced; will retry'),
  );
}, 60_000);
// The producer connection refuses commands until it is ready: start-up scheduling waits for it.
void whenReady(producerRedis).then(() => {
  syncPollSchedules({ db, queues }).catch((error: unknown) =>
    log.warn({ err: error }, 'poll schedules not synced; will retry'),
  );
  syncReconciliationSchedules({ db, queues }).catch((error: unknown) =>
    log.warn({ err: error }, 'reconciliation schedules not synced; will retry'),
  );
  // Every minute the last 48 hours, daily the last 8 days, and the last 8 days now (rollup-job.ts).
  startRollupSchedules(queues).catch((error: unknown) =>
    log.warn(
      { err: error },
      'overview roll-up schedules not set; the Overview reads live meanwhile',
    ),
  );
  startWatchSchedules(queues).catch((error: unknown) =>
    log.warn({ err: error }, 'SLA and alert schedules not set; will retry at the next start'),
  );
  // Stored issues: failures on the timeline become issues (lib/issues/upkeep.ts, ADR 0028).
  startIssueUpkeepSchedule(queues, env.ISSUE_UPKEEP_EVERY_MS).catch((error: unknown) =>
    log.warn({ err: error }, 'issue upkeep schedule not set; will retry at the next start'),
  );
  // Payload retention: the sweep queues a run per tenant with a retention (lib/retention/).
  startRetentionSchedule(queues, env.RETENTION_EVERY_MS).catch((error: unknown) =>
    log.warn({ err: error }, 'retention schedule not set; will retry at the next start'),
  );
});

async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, 'worker stopping: finishing active jobs');
  clearInterval(sweeper);
  clearInterval(schedules);
  await Promise.all(workers.map((worker) => worker.close()));
  await queues.close();
  await metricsServer?.close();
  workerRedis.disconnect();
  producerRedis.disconnect();
  await db.$disconnect();
  log.info('worker stopped');
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
log.info({ concurrency: env.WORKER_CONCURRENCY, prefix: env.QUEUE_PREFIX }, 'worker started');
