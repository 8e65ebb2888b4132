// The worker's /metrics and /health against a real ledger, Redis and the warehouse simulator: a
// drain moves the dispatch counters, the latency histogram and the per-connection gauges; a circuit
// opened by outages shows as such; readiness follows the BullMQ workers; the text a scraper reads
// passes the format and naming check the receiver's metrics are held to.
import { randomBytes } from 'node:crypto';
import { Worker } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/lib/db';
import { drainConnection, type DrainDeps } from '@/lib/engine/drain';
import { createLogger } from '@/lib/observability/logger';
import { createWorkerRedis } from '@/lib/queue/connection';
import { startWarehouseSimulator } from '@/simulators/warehouse/server';
import type { RunningSim } from '@/simulators/shared-http';
import {
  FIXTURE_KEY_RING,
  insertTransaction,
  seededLedger,
  type SeededLedger,
} from '@/test/support/ledger-fixtures';
import { usePrivateRedis } from '@/test/support/private-redis';
import { checkExposition, parseExposition, sumOf } from '@/test/support/prometheus-text';
import { adminJson } from '@/test/support/sims';
import { sampleOrder } from '@/test/support/webhooks';
import { startMetricsServer, type MetricsServer } from './metrics-server';
import { checkWorkerReadiness } from './readiness';
import { createWorkerMetrics } from './worker-metrics';

const TOKEN = randomBytes(24).toString('hex');
const log = createLogger('silent', 'test');
const redis = usePrivateRedis();
let ledger: SeededLedger;
let db: Db;
let warehouse: RunningSim;
let server: MetricsServer;
let queueWorker: Worker;
let where: { tenant: string; connection: string };
let operation: string;
let deps: DrainDeps;
let orderNumber = 7000;

beforeAll(async () => {
  warehouse = await startWarehouseSimulator({ port: 0, apiToken: 'wh-token', workflowStepMs: 0 });
  ledger = await seededLedger({
    warehouseUrl: warehouse.url,
    warehouseToken: 'wh-token',
    retryPolicy: { maxAttempts: 3, baseDelayMs: 60_000, maxDelayMs: 60_000 },
  });
  db = ledger.db;
  const connection = await db.connection.findUniqueOrThrow({
    where: { id: ledger.warehouseConnectionId },
    include: { tenant: true },
  });
  where = { tenant: connection.tenant.slug, connection: connection.key };
  ({ operation } = await db.flow.findUniqueOrThrow({ where: { id: ledger.flowId } }));
  const metrics = createWorkerMetrics({ db, log });
  deps = {
    db,
    keyRing: FIXTURE_KEY_RING,
    providerTimeoutMs: 1500,
    leaseMs: 5000,
    batchSize: 50,
    budgetMs: 20_000,
    lanes: 2,
    log,
    random: () => 0.5,
    observe: metrics.observer,
  };
  queueWorker = new Worker('connection.drain', () => Promise.resolve(undefined), {
    connection: createWorkerRedis(redis.server().url),
    prefix: `wb-obs-${randomBytes(4).toString('hex')}`,
  });
  server = await startMetricsServer({
    host: '127.0.0.1',
    port: 0,
    token: TOKEN,
    render: () => metrics.render(),
    contentType: metrics.registry.contentType,
    readiness: () =>
      checkWorkerReadiness({ db, redis: redis.client(), workers: () => [queueWorker] }),
  });
});
afterAll(async () => {
  await server?.close();
  await queueWorker?.close();
  await warehouse?.close();
  await ledger?.drop();
});

const receivedOrder = () => insertTransaction(ledger, { body: sampleOrder(++orderNumber) });
const drain = (overrides: Partial<DrainDeps> = {}) =>
  drainConnection(
    { ...deps, ...overrides },
    { tenantId: ledger.tenantId, connectionId: ledger.warehouseConnectionId },
  );
async function scrape() {
  const response = await fetch(`${server.url}/metrics`, {
    headers: { authorization: `Bearer ${TOKEN}` },
  });
  expect(response.status).toBe(200);
  const text = await response.text();
  expect(checkExposition(text)).toEqual([]);
  return parseExposition(text);
}

describe('worker observability', () => {
  it('counts a drain’s outcomes and provider calls, and shows the backlog before and after', async () => {
    await Promise.all([receivedOrder(), receivedOrder(), receivedOrder()]);
    const before = await scrape();
    expect(sumOf(before, 'waybill_connection_backlog', where)).toBe(3);
    expect(sumOf(before, 'waybill_connection_due', where)).toBe(3);
    expect(
      sumOf(before, 'waybill_connection_oldest_due_age_seconds', where),
    ).toBeGreaterThanOrEqual(0);
    expect(sumOf(before, 'waybill_dispatch_outcomes_total', where)).toBe(0);

    expect(await drain()).toMatchObject({ settled: 3, stopped: 'idle' });
    const after = await scrape();
    expect(
      sumOf(after, 'waybill_dispatch_outcomes_total', {
        ...where,
        outcome: 'completed',
        error_class: 'none',
      }),
    ).toBe(3);
    expect(
      sumOf(after, 'waybill_provider_request_duration_seconds_count', {
        ...where,
        operation,
      }),
    ).toBe(3);
    expect(sumOf(after, 'waybill_dispatch_batch_size_sum', where)).toBe(3);
    expect(sumOf(after, 'waybill_dispatch_batch_size_count', where)).toBeGreaterThanOrEqual(1);
    expect(sumOf(after, 'waybill_connection_backlog', where)).toBe(0);
    expect(sumOf(after, 'waybill_connection_circuit_state', where)).toBe(0);
  });

  it('counts retries by class and shows an opened circuit', async () => {
    await db.connection.update({
      where: { id: ledger.warehouseConnectionId },
      data: { settings: { circuit: { minCalls: 2, failureRate: 0.5, openMs: 60_000 } } },
    });
    await adminJson(warehouse.url, 'chaos', { maintenance: true });
    try {
      await Promise.all([receivedOrder(), receivedOrder()]);
      await drain({ budgetMs: 0, lanes: 1 });
    } finally {
      await adminJson(warehouse.url, 'chaos', { maintenance: false });
    }
    const families = await scrape();
    expect(
      sumOf(families, 'waybill_dispatch_retries_scheduled_total', {
        ...where,
        error_class: 'provider_outage',
      }),
    ).toBe(2);
    expect(
      sumOf(families, 'waybill_dispatch_outcomes_total', {
        ...where,
        outcome: 'waiting_retry',
        error_class: 'provider_outage',
      }),
    ).toBe(2);
    // waiting for their retry: still in the backlog, not due
    expect(sumOf(families, 'waybill_connection_backlog', where)).toBe(2);
    expect(sumOf(families, 'waybill_connection_due', where)).toBe(0);
    expect(sumOf(families, 'waybill_connection_circuit_state', where)).toBe(2);
  });

  it('is ready while the ledger, Redis and the queue workers are, and says which is not', async () => {
    const live = await fetch(`${server.url}/health?probe=live`);
    expect(await live.json()).toEqual({ status: 'live' });
    const ready = await fetch(`${server.url}/health`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({
      status: 'ready',
      checks: { database: { ok: true }, redis: { ok: true }, workers: { ok: true } },
    });
    await queueWorker.close();
    const stopped = await fetch(`${server.url}/health`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(stopped.status).toBe(503);
    expect(await stopped.json()).toMatchObject({
      status: 'unavailable',
      checks: { workers: { ok: false, error: 'not running: connection.drain' } },
    });
  });
});
