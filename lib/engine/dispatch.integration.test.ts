// dispatchTransaction() against real PostgreSQL and the warehouse simulator over HTTP: what each
// provider answer does to the ledger (status, class, attempts, outbox, timeline).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, tenantDb, uuid7, type Db } from '@/lib/db';
import { encryptionKey } from '@/lib/crypto/secret-box';
import { seedDemoTenant } from '@/prisma/seed-demo';
import { startWarehouseSimulator } from '@/simulators/warehouse/server';
import type { RunningSim } from '@/simulators/shared-http';
import { createTestDatabase } from '@/test/support/database';
import { adminJson } from '@/test/support/sims';
import { sampleOrder } from '@/test/support/webhooks';
import { dispatchTransaction, type DispatchDeps } from './dispatch';

const KEY = Buffer.alloc(32, 9).toString('base64');
let db: Db;
let drop: () => Promise<void>;
let warehouse: RunningSim;
let deps: DispatchDeps;
let seeded: Awaited<ReturnType<typeof seedDemoTenant>>;
let orderNumber = 3000;

beforeAll(async () => {
  const database = await createTestDatabase();
  drop = database.drop;
  db = createDb({ connectionString: database.url, poolSize: 4 });
  warehouse = await startWarehouseSimulator({ port: 0, apiToken: 'wh-token', workflowStepMs: 0 });
  seeded = await seedDemoTenant(db, {
    slug: 'acme',
    name: 'Acme',
    userDomain: 'acme.test',
    password: 'irrelevant-here',
    commerceWebhookSecret: 'secret-secret',
    commerceUrl: 'http://127.0.0.1:9',
    warehouseUrl: warehouse.url,
    warehouseApiToken: 'wh-token',
    encryptionKey: encryptionKey(KEY),
    retryPolicy: { maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 1000 },
  });
  deps = {
    db,
    encryptionKey: encryptionKey(KEY),
    providerTimeoutMs: 1500,
    outboxGraceMs: 1000,
    random: () => 0.5,
  };
});
afterAll(async () => {
  await warehouse?.close();
  await db?.$disconnect();
  await drop?.();
});

async function receivedOrder(order: Record<string, unknown> = sampleOrder(++orderNumber)) {
  const scoped = tenantDb(db, seeded.tenantId);
  const event = await scoped.inboundEvent.create({
    data: {
      tenantId: seeded.tenantId,
      connectionId: seeded.commerceConnectionId,
      status: 'accepted',
      signatureVerdict: 'valid',
      body: JSON.stringify(order),
      sizeBytes: 1,
      providerEventId: uuid7(),
    },
  });
  const id = uuid7();
  await scoped.transaction.create({
    data: {
      id,
      tenantId: seeded.tenantId,
      flowId: seeded.flowId,
      inboundEventId: event.id,
      businessKey: String(order.order_number),
      sourceObjectId: id,
      idempotencyKey: `k-${id}`,
    },
  });
  await scoped.outboxEntry.create({
    data: { tenantId: seeded.tenantId, transactionId: id, jobName: 'transaction.dispatch' },
  });
  return id;
}

const state = (id: string) =>
  db.transaction.findUniqueOrThrow({ where: { id }, include: { outbox: true } });
const dispatch = (id: string) =>
  dispatchTransaction(deps, { tenantId: seeded.tenantId, transactionId: id });

describe('dispatchTransaction', () => {
  it('completes on CREATED, records the reference and settles the outbox', async () => {
    const id = await receivedOrder();
    expect(await dispatch(id)).toEqual({ kind: 'done', status: 'completed' });
    const txn = await state(id);
    expect(txn).toMatchObject({ status: 'completed', attempts: 1, errorClass: null, outbox: null });
    expect((txn.externalRefs as Record<string, string>).warehouse).toMatch(/^FUL-/);
  });

  it('sends a provider status missing from the status table to review, never to completed', async () => {
    const flow = await db.flow.findUniqueOrThrow({
      where: { id: seeded.flowId },
      include: { activeMappingVersion: true },
    });
    const mappingId = flow.activeMappingVersionId ?? '';
    await db.mappingVersion.update({
      where: { id: mappingId },
      data: { statusTable: { COMPLETE: 'completed' } },
    });
    try {
      const id = await receivedOrder();
      expect(await dispatch(id)).toEqual({ kind: 'done', status: 'needs_review' });
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
    expect(await dispatch(id)).toEqual({ kind: 'done', status: 'needs_review' });
    const txn = await state(id);
    expect(txn).toMatchObject({ status: 'needs_review', errorClass: 'validation', outbox: null });
    expect(txn.lastError).toContain('lines[0].sku');
  });

  it('retries a provider outage with backoff, keeps the outbox row for later, then fails after the last attempt', async () => {
    await adminJson(warehouse.url, 'chaos', { maintenance: true });
    try {
      const id = await receivedOrder();
      const first = await dispatch(id);
      expect(first.kind).toBe('retry');
      let txn = await state(id);
      expect(txn).toMatchObject({
        status: 'waiting_retry',
        errorClass: 'provider_outage',
        attempts: 1,
      });
      // Retry-After: 5 from the simulator is a floor for the delay.
      expect(txn.nextAttemptAt!.getTime() - Date.now()).toBeGreaterThan(4000);
      expect(txn.outbox!.availableAt.getTime()).toBeGreaterThan(txn.nextAttemptAt!.getTime());
      // Pretend the retries are due now.
      for (let attempt = 2; attempt <= 3; attempt++) {
        await db.transaction.update({ where: { id }, data: { nextAttemptAt: new Date() } });
        await dispatch(id);
      }
      txn = await state(id);
      expect(txn).toMatchObject({
        status: 'failed',
        errorClass: 'provider_outage',
        attempts: 3,
        outbox: null,
      });
    } finally {
      await adminJson(warehouse.url, 'chaos', { maintenance: false });
    }
  });

  it('adopts a fulfilment an earlier attempt created instead of creating a second one', async () => {
    const id = await receivedOrder();
    const txn = await state(id);
    // Simulate "applied, but the answer was lost": the same reference created under another key.
    const order = sampleOrder(orderNumber);
    const created = await fetch(`${warehouse.url}/v1/fulfilments`, {
      method: 'POST',
      headers: {
        authorization: 'Bearer wh-token',
        'idempotency-key': `earlier-${txn.idempotencyKey}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({
        reference: `order-${order.order_number}`,
        order_number: String(order.order_number),
        lines: [{ sku: 'TENT-2P-GRN', quantity: 1 }],
        ship_to: { name: 'A', address1: 'B', city: 'C', postal_code: '1', country: 'DE' },
      }),
    });
    const existing = (await created.json()) as { id: string };
    expect(await dispatch(id)).toEqual({ kind: 'done', status: 'completed' });
    expect(((await state(id)).externalRefs as Record<string, string>).warehouse).toBe(existing.id);
    const effects = await adminJson<{ reference: string }[]>(warehouse.url, 'side-effects');
    expect(effects.filter((e) => e.reference === `order-${order.order_number}`)).toHaveLength(1);
  });

  it('ignores a transaction that was settled meanwhile and removes its stray outbox row', async () => {
    const id = await receivedOrder();
    await db.transaction.update({ where: { id }, data: { status: 'cancelled' } });
    expect(await dispatch(id)).toEqual({ kind: 'settled', status: 'cancelled' });
    expect((await state(id)).outbox).toBeNull();
  });
});
