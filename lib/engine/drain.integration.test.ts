// drainConnection() against real PostgreSQL and the warehouse simulator over HTTP: what each
// provider answer does to the ledger (status, class, attempts, outbox, timeline), and the flow
// control around it (pause, circuit breaker, rate limit, staleness).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '@/lib/db';
import { createLogger } from '@/lib/observability/logger';
import { startWarehouseSimulator } from '@/simulators/warehouse/server';
import type { RunningSim } from '@/simulators/shared-http';
import {
  FIXTURE_KEY_RING,
  insertTransaction,
  seededLedger,
  type SeededLedger,
} from '@/test/support/ledger-fixtures';
import { adminJson } from '@/test/support/sims';
import { sampleOrder } from '@/test/support/webhooks';
import { drainConnection, type DrainDeps } from './drain';

let ledger: SeededLedger;
let db: Db;
let warehouse: RunningSim;
let deps: DrainDeps;
let orderNumber = 3000;

beforeAll(async () => {
  warehouse = await startWarehouseSimulator({ port: 0, apiToken: 'wh-token', workflowStepMs: 0 });
  ledger = await seededLedger({
    warehouseUrl: warehouse.url,
    warehouseToken: 'wh-token',
    retryPolicy: { maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 1000 },
  });
  db = ledger.db;
  deps = {
    db,
    keyRing: FIXTURE_KEY_RING,
    providerTimeoutMs: 1500,
    leaseMs: 5000,
    batchSize: 50,
    budgetMs: 20_000,
    // Several lanes share one bucket and one breaker: every test below runs them concurrently.
    lanes: 3,
    log: createLogger('silent', 'test'),
    random: () => 0.5,
  };
});
afterAll(async () => {
  await warehouse?.close();
  await ledger?.drop();
});
beforeEach(async () => {
  // Each test starts from a quiet connection: nothing due, circuit closed, no rate limit.
  await db.outboxEntry.deleteMany({});
  await db.connection.update({
    where: { id: ledger.warehouseConnectionId },
    data: { circuitState: 'closed', status: 'active', rateLimitPerSecond: null, settings: {} },
  });
  await adminJson(warehouse.url, 'chaos', { maintenance: false, errorRate: 0 });
});

const receivedOrder = (order: Record<string, unknown> = sampleOrder(++orderNumber)) =>
  insertTransaction(ledger, { body: order });
const state = (id: string) =>
  db.transaction.findUniqueOrThrow({ where: { id }, include: { outbox: true } });
const drain = (overrides: Partial<DrainDeps> = {}) =>
  drainConnection(
    { ...deps, ...overrides },
    { tenantId: ledger.tenantId, connectionId: ledger.warehouseConnectionId },
  );
async function waitUntil(check: () => Promise<boolean>, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out waiting for the drain');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
const makeDue = (id: string) =>
  db.outboxEntry.update({ where: { transactionId: id }, data: { availableAt: new Date() } });
const timelineTypes = async (id: string) =>
  (await db.timelineEntry.findMany({ where: { transactionId: id }, orderBy: { id: 'asc' } })).map(
    (e) => e.type,
  );

describe('drainConnection', () => {
  it('completes a batch on CREATED, records references and settles the outbox rows', async () => {
    const ids = await Promise.all([receivedOrder(), receivedOrder(), receivedOrder()]);
    const report = await drain();
    // Lanes race for the rows (SKIP LOCKED): one or more batches, every row settled once.
    expect(report).toMatchObject({ settled: 3, stopped: 'idle' });
    for (const id of ids) {
      const txn = await state(id);
      expect(txn).toMatchObject({
        status: 'completed',
        attempts: 1,
        errorClass: null,
        outbox: null,
      });
      expect((txn.externalRefs as Record<string, string>).warehouse).toMatch(/^FUL-/);
      expect(await timelineTypes(id)).toEqual([
        'command.sent',
        'provider.accepted',
        'status.changed',
      ]);
    }
  });

  it('sends a provider status missing from the status table to review, never to completed', async () => {
    const flow = await db.flow.findUniqueOrThrow({
      where: { id: ledger.flowId },
      include: { activeMappingVersion: true },
    });
    const mappingId = flow.activeMappingVersionId ?? '';
    await db.mappingVersion.update({
      where: { id: mappingId },
      data: { statusTable: { COMPLETE: 'completed' } },
    });
    try {
      const id = await receivedOrder();
      await drain();
      expect(await state(id)).toMatchObject({
        status: 'needs_review',
        errorClass: 'mapping',
        outbox: null,
      });
    } finally {
      await db.mappingVersion.update({
        where: { id: mappingId },
        data: { statusTable: flow.activeMappingVersion?.statusTable ?? {} },
      });
    }
  });

  it('sends a rejected payload to review with the field path and does not retry it', async () => {
    const id = await receivedOrder({
      ...sampleOrder(++orderNumber),
      line_items: [{ sku: 'no good', quantity: 1 }],
    });
    await drain();
    const txn = await state(id);
    expect(txn).toMatchObject({ status: 'needs_review', errorClass: 'validation', outbox: null });
    expect(txn.lastError).toContain('lines[0].sku');
  });

  it('retries an outage with backoff (Retry-After as a floor), then fails after the last attempt', async () => {
    await adminJson(warehouse.url, 'chaos', { maintenance: true });
    const id = await receivedOrder();
    await drain({ budgetMs: 0 });
    let txn = await state(id);
    expect(txn).toMatchObject({
      status: 'waiting_retry',
      errorClass: 'provider_outage',
      attempts: 1,
    });
    expect(txn.nextAttemptAt!.getTime() - Date.now()).toBeGreaterThan(4000);
    expect(txn.outbox!.availableAt.getTime()).toBe(txn.nextAttemptAt!.getTime());
    for (let attempt = 2; attempt <= 3; attempt++) {
      await makeDue(id);
      await drain({ budgetMs: 0 });
    }
    txn = await state(id);
    expect(txn).toMatchObject({
      status: 'failed',
      errorClass: 'provider_outage',
      attempts: 3,
      outbox: null,
    });
  });

  it('opens the circuit after outage-like failures and records the hold on every delayed transaction', async () => {
    await db.connection.update({
      where: { id: ledger.warehouseConnectionId },
      data: { settings: { circuit: { minCalls: 3, failureRate: 0.5, openMs: 60_000 } } },
    });
    await adminJson(warehouse.url, 'chaos', { maintenance: true });
    const failing = await Promise.all([receivedOrder(), receivedOrder(), receivedOrder()]);
    await drain({ budgetMs: 0 });
    const connection = await db.connection.findUniqueOrThrow({
      where: { id: ledger.warehouseConnectionId },
    });
    expect(connection.circuitState).toBe('open');
    await adminJson(warehouse.url, 'chaos', { maintenance: false });
    const held = await receivedOrder();
    for (const id of failing) await makeDue(id);
    const before = await adminJson<unknown[]>(warehouse.url, 'side-effects');
    expect(await drain()).toMatchObject({ stopped: 'circuit_open', settled: 0 });
    expect(await adminJson<unknown[]>(warehouse.url, 'side-effects')).toHaveLength(before.length);
    for (const id of [held, ...failing]) {
      const txn = await state(id);
      expect(txn.status).toBe('waiting_retry');
      expect(await timelineTypes(id)).toContain('circuit.held');
    }
    expect((await state(held)).attempts).toBe(0);
    // Still open at the next look: the queue moves on, the timeline does not repeat itself.
    for (const id of [held, ...failing]) await makeDue(id);
    expect(await drain()).toMatchObject({ stopped: 'circuit_open' });
    for (const id of [held, ...failing]) {
      expect((await timelineTypes(id)).filter((t) => t === 'circuit.held')).toHaveLength(1);
      expect((await state(id)).outbox!.availableAt.getTime()).toBeGreaterThan(Date.now() + 30_000);
    }
  });

  it('probes a half-open circuit with one call and closes it on success', async () => {
    await db.connection.update({
      where: { id: ledger.warehouseConnectionId },
      data: { circuitState: 'open', circuitChangedAt: new Date(Date.now() - 120_000) },
    });
    const ids = await Promise.all([receivedOrder(), receivedOrder()]);
    const report = await drain();
    expect(report.batches).toBe(2); // the probe alone, then the rest
    const connection = await db.connection.findUniqueOrThrow({
      where: { id: ledger.warehouseConnectionId },
    });
    expect(connection.circuitState).toBe('closed');
    for (const id of ids) expect((await state(id)).status).toBe('completed');
  });

  it('claims nothing while the connection is paused and works the backlog after resume', async () => {
    await db.connection.update({
      where: { id: ledger.warehouseConnectionId },
      data: { status: 'paused' },
    });
    const id = await receivedOrder();
    expect(await drain()).toMatchObject({ stopped: 'paused', settled: 0 });
    expect((await state(id)).status).toBe('received');
    await db.connection.update({
      where: { id: ledger.warehouseConnectionId },
      data: { status: 'active' },
    });
    await drain();
    expect((await state(id)).status).toBe('completed');
  });

  it('claims no more per batch than the rate limit allows', async () => {
    await db.connection.update({
      where: { id: ledger.warehouseConnectionId },
      data: { rateLimitPerSecond: 2 },
    });
    await Promise.all(Array.from({ length: 5 }, () => receivedOrder()));
    const report = await drain();
    expect(report.settled).toBe(5);
    expect(report.batches).toBeGreaterThanOrEqual(3); // 2 + 2 + 1 at most per batch
  });

  it('records an event older than a sibling of the same object as stale and does not send it', async () => {
    const order = sampleOrder(++orderNumber);
    const older = await insertTransaction(ledger, {
      body: order,
      sourceObjectId: `obj-${orderNumber}`,
      sourceSequence: 1,
    });
    await insertTransaction(ledger, {
      body: order,
      sourceObjectId: `obj-${orderNumber}`,
      sourceSequence: 2,
      outbox: false,
    });
    await drain();
    const txn = await state(older);
    expect(txn).toMatchObject({ status: 'cancelled', errorClass: 'stale', outbox: null });
    expect(await timelineTypes(older)).not.toContain('command.sent');
  });

  it('adopts a fulfilment an earlier attempt created instead of creating a second one', async () => {
    const id = await receivedOrder();
    const txn = await state(id);
    const order = sampleOrder(orderNumber);
    const created = await fetch(`${warehouse.url}/v1/fulfilments`, {
      method: 'POST',
      headers: {
        authorization: 'Bearer wh-token',
        'idempotency-key': `earlier-${txn.idempotencyKey}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({
        reference: `order-${order.id}`,
        order_number: String(order.order_number),
        lines: [{ sku: 'TENT-2P-GRN', quantity: 1 }],
        ship_to: { name: 'A', address1: 'B', city: 'C', postal_code: '1', country: 'DE' },
      }),
    });
    const existing = (await created.json()) as { id: string };
    await drain();
    expect(((await state(id)).externalRefs as Record<string, string>).warehouse).toBe(existing.id);
    const effects = await adminJson<{ reference: string }[]>(warehouse.url, 'side-effects');
    expect(effects.filter((e) => e.reference === `order-${order.id}`)).toHaveLength(1);
  });

  /** Drains `orders` new orders with the warehouse answering after `latencyMs` and at most
   *  `maxConcurrency` calls at once; expects each sent exactly once and completed. */
  async function slowDrain(
    orders: number,
    latencyMs: number,
    maxConcurrency: number,
    leaseMs: number,
  ) {
    await adminJson(warehouse.url, 'chaos', { latencyMs: { min: latencyMs, max: latencyMs } });
    await db.connection.update({
      where: { id: ledger.warehouseConnectionId },
      data: { maxConcurrency },
    });
    try {
      const ids = await Promise.all(Array.from({ length: orders }, () => receivedOrder()));
      await drain({ leaseMs });
      for (const id of ids) {
        expect(await state(id)).toMatchObject({ status: 'completed', attempts: 1 });
        expect((await timelineTypes(id)).filter((t) => t === 'command.sent')).toHaveLength(1);
      }
    } finally {
      await adminJson(warehouse.url, 'chaos', { latencyMs: { min: 0, max: 0 } });
      await db.connection.update({
        where: { id: ledger.warehouseConnectionId },
        data: { maxConcurrency: null },
      });
    }
  }

  it('keeps a slow batch leased, so no other lane claims and sends it again', async () => {
    // One call at a time takes ~2.1 s for the batch: far beyond a 400 ms lease.
    await slowDrain(3, 700, 1, 400);
  });

  it('sends a batch whose lease lapsed mid-send once: the lanes beside it leave it alone', async () => {
    // Renewed every 250 ms, a 100 ms lease lapses between renewals: each lane's rows come due
    // for the other lanes while their first lane is still sending them.
    await slowDrain(9, 500, 3, 100);
  });

  it('does not send a row another worker claimed after its lease lapsed here, nor touch it', async () => {
    // One call at a time, each 2 s: one row waits behind the other. Meanwhile another worker
    // claims both (as it could once this lease lapsed): their claim counts move on. The row
    // already on its way is answered and settled; the waiting one must not go out from here.
    await adminJson(warehouse.url, 'chaos', { latencyMs: { min: 2000, max: 2000 } });
    await db.connection.update({
      where: { id: ledger.warehouseConnectionId },
      data: { maxConcurrency: 1 },
    });
    try {
      const ids = [await receivedOrder(), await receivedOrder()];
      const draining = drain({ leaseMs: 1000, providerTimeoutMs: 5000 });
      await waitUntil(async () => {
        const rows = await db.outboxEntry.findMany({ where: { transactionId: { in: ids } } });
        return rows.length === 2 && rows.every((r) => r.claims === 1);
      });
      const elsewhere = new Date(Date.now() + 60_000);
      await db.outboxEntry.updateMany({
        where: { transactionId: { in: ids } },
        data: { claims: 2, availableAt: elsewhere },
      });
      await draining;
      const [a, b] = await Promise.all(ids.map(state));
      const sent = [a, b].filter((t) => t?.status === 'completed');
      const waiting = [a, b].filter((t) => t?.status === 'received');
      expect(sent).toHaveLength(1);
      expect(waiting).toHaveLength(1);
      expect(waiting[0]).toMatchObject({
        attempts: 0,
        outbox: { claims: 2, availableAt: elsewhere },
      });
      expect(await timelineTypes(waiting[0]?.id ?? '')).not.toContain('command.sent');
      // the warehouse never saw it (its fulfilments are referenced by order id)
      const body = (
        await db.inboundEvent.findFirstOrThrow({
          where: { transactions: { some: { id: waiting[0]?.id ?? '' } } },
        })
      ).body;
      const reference = `order-${String((JSON.parse(body) as { id: unknown }).id)}`;
      const effects = await adminJson<{ reference: string }[]>(warehouse.url, 'side-effects');
      expect(effects.filter((e) => e.reference === reference)).toHaveLength(0);
    } finally {
      await adminJson(warehouse.url, 'chaos', { latencyMs: { min: 0, max: 0 } });
      await db.connection.update({
        where: { id: ledger.warehouseConnectionId },
        data: { maxConcurrency: null },
      });
    }
  });

  it('drops the outbox row of a transaction settled behind the queue and sends nothing', async () => {
    const id = await receivedOrder();
    await db.transaction.update({ where: { id }, data: { status: 'cancelled' } });
    await drain();
    expect((await state(id)).outbox).toBeNull();
    expect(await timelineTypes(id)).not.toContain('command.sent');
  });

  it('sends a dispatch that keeps dying without an outcome to review as unknown', async () => {
    const id = await receivedOrder();
    await db.outboxEntry.update({ where: { transactionId: id }, data: { claims: 5 } });
    await drain();
    expect(await state(id)).toMatchObject({ status: 'needs_review', errorClass: 'unknown' });
  });
});
