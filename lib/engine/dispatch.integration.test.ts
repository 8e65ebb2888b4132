// dispatchTransaction() against real PostgreSQL and the warehouse simulator over HTTP: what each
// provider answer does to the ledger (status, class, attempts, outbox, timeline).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/lib/db';
import { encryptionKey } from '@/lib/crypto/secret-box';
import { startWarehouseSimulator } from '@/simulators/warehouse/server';
import type { RunningSim } from '@/simulators/shared-http';
import {
  FIXTURE_KEY,
  insertTransaction,
  seededLedger,
  type SeededLedger,
} from '@/test/support/ledger-fixtures';
import { adminJson } from '@/test/support/sims';
import { sampleOrder } from '@/test/support/webhooks';
import { dispatchTransaction, type DispatchDeps } from './dispatch';

let ledger: SeededLedger;
let db: Db;
let warehouse: RunningSim;
let deps: DispatchDeps;
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
    encryptionKey: encryptionKey(FIXTURE_KEY),
    providerTimeoutMs: 1500,
    outboxGraceMs: 1000,
    random: () => 0.5,
  };
});
afterAll(async () => {
  await warehouse?.close();
  await ledger?.drop();
});

const receivedOrder = (order: Record<string, unknown> = sampleOrder(++orderNumber)) =>
  insertTransaction(ledger, { body: order });
const state = (id: string) =>
  db.transaction.findUniqueOrThrow({ where: { id }, include: { outbox: true } });
const dispatch = (id: string) =>
  dispatchTransaction(deps, { tenantId: ledger.tenantId, transactionId: id });

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
