// Two shards of one connection's drain at once, as two workers run them (each its own Redis
// client, its own rate limiter), against the warehouse simulator with the connection limited to
// 50 calls/s and 4 at once: every transaction is created exactly once at the simulator, both
// shards did some of the work, and the simulator's request log never holds more than 50 requests
// in any one-second window, nor did it see more than 4 calls at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { createLogger } from '@/lib/observability/logger';
import { startWarehouseSimulator } from '@/simulators/warehouse/server';
import type { RunningSim } from '@/simulators/shared-http';
import {
  FIXTURE_KEY_RING,
  insertTransaction,
  seededLedger,
  type SeededLedger,
} from '@/test/support/ledger-fixtures';
import { forwardProxy, type ForwardProxy } from '@/test/support/forward-proxy';
import { usePrivateRedis } from '@/test/support/private-redis';
import { adminJson, busiestWindow, requestLog } from '@/test/support/sims';
import { sampleOrder } from '@/test/support/webhooks';
import { saveBreaker } from './breaker-store';
import { closedBreaker } from './circuit-breaker';
import { drainConnection, type DrainDeps } from './drain';
import { laneCaps } from './drain-shards';
import { findTargetConnection } from './load-dispatchable';
import { redisRateLimiter } from './rate-limiter-redis';

const RATE = 50; // requests per second, in any one-second window
/**
 * How late after its grant a request may arrive with the limit still holding (the window is a
 * second plus this). Above the default (100 ms): the simulator shares this process's event loop
 * with both drains, on a 2-core host shared with other suites, and stamps a request's arrival only
 * when that loop gets to it — up to about 100 ms late was seen.
 */
const MARGIN_MS = 250;
const MAX_CONCURRENCY = 4;
const SHARDS = 2;
const LANES = 2;
const BATCH_SIZE = 50;
const ORDERS = 250;

const { server: redisServer } = usePrivateRedis();
let warehouse: RunningSim;
// between the drains and the simulator: counts the calls in flight (the simulators do not)
let counter: ForwardProxy;
let ledger: SeededLedger;
const workers: Redis[] = [];

beforeAll(async () => {
  warehouse = await startWarehouseSimulator({ port: 0, apiToken: 'wh-token', workflowStepMs: 0 });
  counter = await forwardProxy([warehouse.url]);
  ledger = await seededLedger({ warehouseUrl: counter.url, warehouseToken: 'wh-token' });
  await ledger.db.connection.update({
    where: { id: ledger.warehouseConnectionId },
    data: { rateLimitPerSecond: RATE, maxConcurrency: MAX_CONCURRENCY },
  });
});
afterAll(async () => {
  for (const client of workers) client.disconnect();
  await counter?.close();
  await warehouse?.close();
  await ledger?.drop();
});

/** One worker's drain deps: its own Redis client and limiter, as a separate process would have. */
function workerDeps(prefix = '{wbtest}'): DrainDeps {
  const redis = new Redis(redisServer().url, { maxRetriesPerRequest: 1 });
  workers.push(redis);
  return {
    db: ledger.db,
    keyRing: FIXTURE_KEY_RING,
    providerTimeoutMs: 5000,
    leaseMs: 30_000,
    batchSize: BATCH_SIZE,
    budgetMs: 120_000,
    lanes: LANES,
    shards: SHARDS,
    rateLimiter: redisRateLimiter(redis, prefix, { marginMs: MARGIN_MS }),
    log: createLogger('silent', 'test'),
    random: () => 0.5,
  };
}

const connectionRow = () =>
  ledger.db.connection.findUniqueOrThrow({ where: { id: ledger.warehouseConnectionId } });
const target = async () => {
  const found = await findTargetConnection(
    ledger.db,
    ledger.tenantId,
    ledger.warehouseConnectionId,
  );
  if (!found) throw new Error('the seeded warehouse connection is gone');
  return found;
};

interface CreatedEffect {
  kind: string;
  idempotencyKey: string;
  at: string;
}

describe('two shards of one connection in two workers', () => {
  it('share its work exactly once, within its rate limit and its concurrency', async () => {
    const ids: string[] = [];
    for (let i = 0; i < ORDERS; i += 1)
      ids.push(await insertTransaction(ledger, { body: sampleOrder(7000 + i) }));

    const ids0 = { tenantId: ledger.tenantId, connectionId: ledger.warehouseConnectionId };
    const [first, second] = await Promise.all([
      drainConnection(workerDeps(), { ...ids0, shard: 0 }),
      drainConnection(workerDeps(), { ...ids0, shard: 1 }),
    ]);

    // Both shards took part, and between them settled everything, each transaction once.
    expect(first?.settled).toBeGreaterThan(0);
    expect(second?.settled).toBeGreaterThan(0);
    expect((first?.settled ?? 0) + (second?.settled ?? 0)).toBe(ORDERS);
    const txns = await ledger.db.transaction.findMany({
      where: { id: { in: ids } },
      include: { outbox: true },
    });
    expect(txns.filter((t) => t.status === 'completed' && t.attempts === 1)).toHaveLength(ORDERS);
    expect(txns.filter((t) => t.outbox !== null)).toEqual([]);

    // Exactly once at the simulator: one creation per transaction's key, and no other call.
    const effects = await adminJson<CreatedEffect[]>(warehouse.url, 'side-effects');
    expect(effects.map((e) => e.idempotencyKey).sort()).toEqual(ids.map((id) => `k-${id}`).sort());
    const requests = await adminJson<{ route: string; status: number; count: number }[]>(
      warehouse.url,
      'requests',
    );
    expect(requests).toEqual([{ route: 'POST /v1/fulfilments', status: 201, count: ORDERS }]);

    // The rate limit, strictly, from the simulator's own request log (each request stamped on
    // arrival): no one-second window, sliding over every request, holds more than RATE. It was
    // what held the drain back (it waited for slots), or the check would say little.
    const log = await requestLog(warehouse.url);
    expect(log).toHaveLength(ORDERS);
    const busiest = busiestWindow(log.map((r) => r.receivedAtMs));
    expect(busiest).toBeLessThanOrEqual(RATE);
    expect(busiest).toBeGreaterThan(RATE / 2);
    const caps = Array.from({ length: SHARDS }, (_, s) =>
      laneCaps(MAX_CONCURRENCY, SHARDS, s, LANES),
    ).flat();

    // The concurrency: the lanes' caps add up to the connection's, and were never exceeded.
    expect(caps.reduce((a, b) => a + b, 0)).toBe(MAX_CONCURRENCY);
    expect(counter.mostInFlight()).toBeGreaterThan(0);
    expect(counter.mostInFlight()).toBeLessThanOrEqual(MAX_CONCURRENCY);
  });
});

describe("the circuit across a connection's shards", () => {
  it('a shard saving its breaker never writes over a newer circuit change of another', async () => {
    const connection = await target();
    const opened = Date.now();
    await saveBreaker(ledger.db, connection, { ...closedBreaker(opened), state: 'open' }, []);
    // a shard that started before the circuit opened, still closed in its memory
    await saveBreaker(ledger.db, connection, closedBreaker(opened - 5_000), [{ kind: 'success' }]);
    let row = await connectionRow();
    expect(row.circuitState).toBe('open');
    expect(row.circuitChangedAt?.getTime()).toBe(opened);
    expect(row.lastSuccessAt).not.toBeNull(); // the health facts are written all the same
    // a newer change (the probe that closed it) is written
    await saveBreaker(ledger.db, connection, closedBreaker(opened + 1), []);
    row = await connectionRow();
    expect(row.circuitState).toBe('closed');
    expect(row.circuitChangedAt?.getTime()).toBe(opened + 1);
  });

  it('a running shard adopts the open circuit another shard saved, and stops', async () => {
    await adminJson(warehouse.url, 'reset', {});
    await ledger.db.connection.update({
      where: { id: ledger.warehouseConnectionId },
      data: { rateLimitPerSecond: 5, circuitState: 'closed', circuitChangedAt: null },
    });
    const ids: string[] = [];
    for (let i = 0; i < 30; i += 1)
      ids.push(await insertTransaction(ledger, { body: sampleOrder(8000 + i) }));
    // 5 calls at once, then 5 a second: the 30 take 5 s, so the other shard's verdict comes first
    const running = drainConnection(
      { ...workerDeps('{wbtest-circuit}'), lanes: 1 },
      { tenantId: ledger.tenantId, connectionId: ledger.warehouseConnectionId, shard: 0 },
    );
    for (;;) {
      const effects = await adminJson<CreatedEffect[]>(warehouse.url, 'side-effects');
      if (effects.length > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const opened = Date.now();
    await saveBreaker(ledger.db, await target(), { ...closedBreaker(opened), state: 'open' }, []);
    const report = await running;
    expect(report.stopped).toBe('circuit_open');
    const row = await connectionRow();
    expect(row.circuitState).toBe('open');
    expect(row.circuitChangedAt?.getTime()).toBe(opened);
    const created = await adminJson<CreatedEffect[]>(warehouse.url, 'side-effects');
    expect(created.length).toBeLessThan(ids.length);
    // what was not sent is held for the circuit, none lost
    const held = await ledger.db.transaction.count({
      where: { id: { in: ids }, status: 'waiting_retry' },
    });
    expect(held + created.length).toBe(ids.length);
  });
});
