// Two shards of one connection's drain at once, as two workers run them (each its own Redis
// client, its own rate limiter), against the warehouse simulator with the connection limited to
// 50 calls/s and 4 at once: every transaction is created exactly once at the simulator, both
// shards did some of the work, and the simulator never saw more than the token bucket allows in
// any one-second window, nor more than 4 calls at once.
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
import { adminJson } from '@/test/support/sims';
import { sampleOrder } from '@/test/support/webhooks';
import { saveBreaker } from './breaker-store';
import { closedBreaker } from './circuit-breaker';
import { drainConnection, type DrainDeps } from './drain';
import { laneCaps } from './drain-shards';
import { findTargetConnection } from './load-dispatchable';
import { redisRateLimiter } from './rate-limiter-redis';

const RATE = 50; // calls per second; the bucket's burst is one second's worth (rateLimitOf)
const BURST = RATE;
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
    rateLimiter: redisRateLimiter(redis, prefix),
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

    // The rate limit, from the simulator's log (its creations, each stamped to the millisecond).
    // A token bucket grants at most BURST + RATE x T over any span T, net of tokens handed back;
    // a call goes out after its token was granted, so the calls made within a span also count
    // the tokens the lanes held, not yet spent, when it began: at most one batch per lane,
    // `HELD` below. So any one-second window holds at most BURST + RATE + HELD calls, and any
    // span between two calls of t ms at most BURST + RATE x (t + 1) / 1000 + HELD.
    const caps = Array.from({ length: SHARDS }, (_, s) =>
      laneCaps(MAX_CONCURRENCY, SHARDS, s, LANES),
    ).flat();
    const HELD = caps.reduce((sum, cap) => sum + Math.min(BATCH_SIZE, cap * 4), 0);
    expect(HELD).toBe(16); // 4 lanes, each taking a batch of 4 tokens (1 call at once x 4 rounds)
    const times = effects.map((e) => Date.parse(e.at)).sort((a, b) => a - b);
    let busiestSecond = 0;
    const overSpan: string[] = [];
    for (let i = 0; i < times.length; i += 1) {
      let j = i;
      while (j + 1 < times.length && (times[j + 1] ?? 0) - (times[i] ?? 0) < 1000) j += 1;
      busiestSecond = Math.max(busiestSecond, j - i + 1);
      for (let k = i; k < times.length; k += 1) {
        const span = (times[k] ?? 0) - (times[i] ?? 0) + 1;
        if (k - i + 1 > BURST + (RATE * span) / 1000 + HELD)
          overSpan.push(`${k - i + 1} calls in ${span} ms`);
      }
    }
    expect(busiestSecond).toBeLessThanOrEqual(BURST + RATE + HELD);
    expect(overSpan.slice(0, 5)).toEqual([]);

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
