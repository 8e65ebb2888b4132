// Acceptance: the worker SIGKILLed mid-run and restarted -> every accepted transaction completes,
// each exactly once at the warehouse. Redis flushed between accept and dispatch -> the outbox
// dispatch sweep finds the work in the outbox and every transaction completes.
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { adminJson, commerceIdle, createOrders, warehouseEffects } from './support/sims';
import { waitFor } from './support/processes';
import { startStack, type Stack } from './support/stack';

let stack: Stack | undefined;
afterEach(async () => {
  await stack?.stop();
  stack = undefined;
});

const TO_WAREHOUSE = 'orders-paid-to-warehouse';
const completed = (s: Stack) => s.count(TO_WAREHOUSE, { status: 'completed' });

async function expectExactlyOnce(s: Stack, orderIds: number[]) {
  const effects = (await warehouseEffects(s.warehouse.url)).filter(
    (e) => e.kind === 'fulfilment.created',
  );
  expect(effects).toHaveLength(orderIds.length);
  expect(new Set(effects.map((e) => e.reference))).toEqual(
    new Set(orderIds.map((id) => `order-${id}`)),
  );
}

describe('recovery', () => {
  it('completes every transaction exactly once when the worker is SIGKILLed mid-run', async () => {
    // Few commands in flight at a time, so the kill lands while most of the work is still ahead.
    stack = await startStack({ connections: { warehouse: { maxConcurrency: 4 } } });
    const s = stack;
    // Slow the warehouse so the kill lands while commands are in flight.
    await adminJson(s.warehouse.url, 'chaos', { latencyMs: { min: 40, max: 120 } });
    const orders = await createOrders(s.commerce.url, 120);
    // A batch settles in one statement, so ledger completions arrive in steps; the warehouse's
    // own log shows the commands going out one by one.
    const sent = async () =>
      (await warehouseEffects(s.warehouse.url)).filter((e) => e.kind === 'fulfilment.created')
        .length;
    await waitFor('some commands sent', async () => (await sent()) >= 15, 60_000, 20);
    await s.worker?.kill('SIGKILL');
    expect(await sent()).toBeLessThan(120);
    expect(await completed(s)).toBeLessThan(120);
    s.startWorker();
    await waitFor('deliveries', () => commerceIdle(s.commerce.url), 60_000);
    await waitFor('all 120 completed', async () => (await completed(s)) === 120, 90_000);
    expect(await s.count(TO_WAREHOUSE)).toBe(120);
    await expectExactlyOnce(
      s,
      orders.map((o) => o.id),
    );
  });

  it('re-enqueues from the outbox after Redis loses every job', async () => {
    stack = await startStack({ worker: false });
    const s = stack;
    const orders = await createOrders(s.commerce.url, 60);
    await waitFor('deliveries', () => commerceIdle(s.commerce.url), 60_000);
    // Three fan-out flows per paid order, all waiting in the outbox.
    expect(await s.db.transaction.count({ where: { status: 'received' } })).toBe(180);
    expect(await s.db.outboxEntry.count()).toBe(180);

    const redis = new Redis(s.redis.url);
    expect(await redis.dbsize()).toBeGreaterThan(0); // the fast path did enqueue
    await redis.flushall();
    expect(await redis.dbsize()).toBe(0);
    redis.disconnect();

    s.startWorker();
    await waitFor('all 60 completed', async () => (await completed(s)) === 60, 60_000);
    await expectExactlyOnce(
      s,
      orders.map((o) => o.id),
    );
    await s.quiet();
  });

  it('drains in-flight work and exits 0 on SIGTERM; a restart finishes the rest exactly once', async () => {
    stack = await startStack();
    const s = stack;
    await adminJson(s.warehouse.url, 'chaos', { latencyMs: { min: 300, max: 400 } });
    const orders = await createOrders(s.commerce.url, 40);
    await waitFor('first completions', async () => (await completed(s)) >= 1, 60_000, 50);
    expect(await s.worker?.stop(15_000)).toBe(0);
    const afterStop = await s.db.transaction.groupBy({ by: ['status'], _count: true });
    // Graceful: nothing was left half-way; everything is completed or still waiting to be sent.
    expect(afterStop.every((g) => g.status === 'completed' || g.status === 'received')).toBe(true);
    s.startWorker();
    await waitFor('deliveries', () => commerceIdle(s.commerce.url), 60_000);
    await waitFor('all 40 completed', async () => (await completed(s)) === 40, 60_000);
    await expectExactlyOnce(
      s,
      orders.map((o) => o.id),
    );
  });
});
