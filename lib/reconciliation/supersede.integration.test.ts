// Reconciliation of a flow whose transactions are successive states of one source object: each
// warehouse status of a fulfilment is a transaction of its own ('open', then 'shipped'), and all
// of them write one storefront fulfilment, which shows the last. Real PostgreSQL, the warehouse's
// signed webhooks through the real ingest, dispatch to the commerce simulator over HTTP. Only the
// latest state written is compared: the earlier one is not drift, and the latest one still is
// when the storefront disagrees with it. A later state that never reached the storefront leaves
// the earlier one compared.
import { randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '@/lib/db';
import { drainConnection } from '@/lib/engine/drain';
import { recordInbound } from '@/lib/ingest/record-inbound';
import { clearIngestTargetCache } from '@/lib/ingest/resolve-target';
import { createLogger } from '@/lib/observability/logger';
import { startCommerceSimulator } from '@/simulators/commerce/server';
import type { RunningSim } from '@/simulators/shared-http';
import { createTestDatabase } from '@/test/support/database';
import { FIXTURE_KEY_RING, seedFixtureTenant } from '@/test/support/ledger-fixtures';
import { createOrders, type SimOrder } from '@/test/support/sims';
import { recordingWaker } from '@/test/support/wakes';
import { runCounts } from './run-counts';
import { runReconciliationChunk } from './run-chunk';
import { startReconciliationRun } from './start-run';
import { readTotals } from './totals';

// the seed's default warehouse webhook secret (prisma/seed-demo.ts)
const WAREHOUSE_SECRET = `whsec_${Buffer.from('dev-warehouse-webhook-key-32b!!').toString('base64')}`;
const FINANCE = { id: '00000000-0000-7000-8000-000000000001', label: 'Fiona Finance' };
const windowFrom = new Date(Date.now() - 60_000);
let commerce: RunningSim;
let db: Db;
let drop: () => Promise<void>;
let tenantId: string;
let flowId: string;
let commerceConnectionId: string;
let orders: SimOrder[];

beforeAll(async () => {
  commerce = await startCommerceSimulator({
    port: 0,
    webhookUrl: 'http://127.0.0.1:9/nowhere',
    webhookSecret: 'secret-secret',
    seed: 15,
  });
  const database = await createTestDatabase();
  db = createDb({ connectionString: database.url, poolSize: 4 });
  drop = async () => {
    await db.$disconnect();
    await database.drop();
  };
  const seeded = await seedFixtureTenant(db, 'acme', { commerceUrl: commerce.url });
  tenantId = seeded.tenantId;
  flowId = seeded.flowIds['shipments-to-commerce'] ?? '';
  commerceConnectionId = seeded.connectionIds.commerce ?? '';
  clearIngestTargetCache();
  orders = await createOrders(commerce.url, 2);
}, 60_000);

afterAll(async () => {
  await commerce?.close();
  await drop?.();
});

/** One warehouse status of fulfilment `id` for `order`, signed and recorded as the route does. */
async function shipmentStatus(id: string, order: SimOrder, status: string): Promise<string> {
  const shipped = status === 'SENT';
  const body = JSON.stringify({
    type: 'fulfilment.status_changed',
    timestamp: new Date().toISOString(),
    data: {
      fulfilment: {
        id,
        reference: `order-${order.id}`,
        order_number: String(order.order_number),
        status,
        tracking_number: shipped ? `TRK-${id}` : null,
        carrier: shipped ? 'DHL' : null,
      },
    },
  });
  const messageId = randomUUID();
  const now = new Date();
  const outcome = await recordInbound(
    { db, keyRing: FIXTURE_KEY_RING, wake: recordingWaker().wake },
    {
      tenantSlug: 'acme',
      connectionKey: 'warehouse',
      rawBody: Buffer.from(body),
      headers: new Headers({
        'content-type': 'application/json',
        'webhook-id': messageId,
        'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
        'webhook-signature': new Webhook(WAREHOUSE_SECRET).sign(messageId, now, body),
      }),
      tooLarge: false,
      sizeBytes: body.length,
    },
  );
  if (outcome.kind !== 'accepted')
    throw new Error(`warehouse status not accepted: ${outcome.kind}`);
  const [transactionId] = outcome.transactionIds;
  if (!transactionId) throw new Error('no shipment transaction');
  return transactionId;
}

/** Sends what is due to the storefront, one at a time; each status is settled before the next
 *  arrives, as the warehouse's workflow paces them (both pending, the older is cancelled as stale). */
async function sendToStorefront(): Promise<void> {
  await drainConnection(
    {
      db,
      keyRing: FIXTURE_KEY_RING,
      providerTimeoutMs: 3000,
      leaseMs: 5000,
      batchSize: 1,
      budgetMs: 20_000,
      lanes: 1,
      log: createLogger('silent', 'test'),
    },
    { tenantId, connectionId: commerceConnectionId },
  );
}

/** A status written by the storefront's own API, behind Waybill's back. */
async function editFulfilment(order: SimOrder, reference: string, status: string) {
  const response = await fetch(
    `${commerce.url}/admin/api/2025-01/orders/${order.id}/fulfillments.json`,
    {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ fulfillment: { reference, status } }),
    },
  );
  expect(response.status).toBe(200);
}

async function reconcile() {
  const { runId } = await startReconciliationRun(db, tenantId, {
    flowId,
    windowFrom,
    windowTo: new Date(Date.now() + 60_000),
    trigger: 'api',
    actor: FINANCE,
  });
  const deps = { db, keyRing: FIXTURE_KEY_RING, providerTimeoutMs: 3000 };
  for (let i = 0; !(await runReconciliationChunk(deps, tenantId, runId)).done; i++)
    if (i > 20) throw new Error('run did not finish');
  const run = await db.reconciliationRun.findUniqueOrThrow({ where: { id: runId } });
  expect(run.status, run.error ?? '').toBe('completed');
  const items = (await db.driftItem.findMany({ where: { runId } })).sort((a, b) =>
    a.kind.localeCompare(b.kind),
  );
  const byKind: Record<string, number> = {};
  for (const i of items) byKind[i.kind] = (byKind[i.kind] ?? 0) + 1;
  return { items, counts: runCounts(readTotals(run.totals), byKind) };
}

describe('reconciling successive states of one shipment', () => {
  const [first, second] = [() => orders[0]!, () => orders[1]!];
  let open = '';
  let shippedState = '';

  it("compares only the latest state: 'open' then 'shipped' at a shipped fulfilment is no drift", async () => {
    open = await shipmentStatus('FUL-000001', first(), 'PROCESSING');
    await sendToStorefront();
    shippedState = await shipmentStatus('FUL-000001', first(), 'SENT');
    await sendToStorefront();
    const states = await db.transaction.findMany({
      where: { tenantId, flowId },
      orderBy: { sourceSequence: 'asc' },
      select: { id: true, status: true, externalRefs: true },
    });
    // two transactions, both written to the one storefront fulfilment, which shows the last
    expect(states.map((t) => [t.id, t.status])).toEqual([
      [open, 'completed'],
      [shippedState, 'completed'],
    ]);
    expect(new Set(states.map((t) => JSON.stringify(t.externalRefs))).size).toBe(1);

    const { items, counts } = await reconcile();
    expect(items).toEqual([]);
    // both compared (the earlier for its record's existence), and the counts add up
    expect(counts).toMatchObject({ compared: 2, matched: 2, drifted: 0, items: 0 });
  }, 60_000);

  it('still reports drift where the storefront disagrees with the latest state', async () => {
    await editFulfilment(first(), 'FUL-000001', 'error');
    const { items, counts } = await reconcile();
    expect(
      items.map((i) => [i.transactionId, i.kind, i.field, i.ledgerValue, i.providerValue]),
    ).toEqual([
      [shippedState, 'field_mismatch', 'state', 'shipped', 'failed'],
      [shippedState, 'status_mismatch', 'status', 'completed', 'error'],
    ]);
    expect(counts).toMatchObject({ compared: 2, matched: 1, drifted: 1, items: 2 });
  }, 60_000);

  it('compares the earlier state while a later one has not reached the storefront', async () => {
    const earlier = await shipmentStatus('FUL-000002', second(), 'PROCESSING');
    await sendToStorefront();
    // the next status is recorded but not sent: the storefront still shows the earlier one
    const pending = await shipmentStatus('FUL-000002', second(), 'SENT');
    expect((await db.transaction.findUniqueOrThrow({ where: { id: pending } })).status).not.toBe(
      'completed',
    );
    await editFulfilment(second(), 'FUL-000002', 'cancelled');
    const { items, counts } = await reconcile();
    expect(
      items
        .filter((i) => i.transactionId === earlier)
        .map((i) => [i.kind, i.field, i.ledgerValue, i.providerValue]),
    ).toEqual([['field_mismatch', 'state', 'open', 'cancelled']]);
    // the first shipment as before; the pending state is not compared (it wrote nothing yet)
    expect(items.filter((i) => i.transactionId === pending)).toEqual([]);
    expect(counts).toMatchObject({ compared: 3, matched: 1, drifted: 2, items: 3 });
  }, 60_000);
});
