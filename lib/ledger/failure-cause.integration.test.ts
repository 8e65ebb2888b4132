// The cause and the pause as the three screens read them from a real PostgreSQL: a payment-like
// step whose attempts were mostly "no sales order" names that cause (and the completed step it
// waits for) on the transaction page, its order journey and its error group, with the last
// attempt's outage beside it; work held by a paused connection reads "paused" with who and why.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tenantDb, uuid7, type Db, type TenantDb } from '@/lib/db';
import { setConnectionPaused } from '@/lib/engine/pause';
import { insertTransaction, seededLedger, type SeededLedger } from '@/test/support/ledger-fixtures';
import { listErrorGroups } from './error-groups.presenter';
import { getOrderJourney } from './order-journey.presenter';
import { appendTimeline } from './timeline';
import { getTransactionDetail } from './transaction-detail.presenter';
import { listTransactions } from './transaction-list.presenter';

let ledger: SeededLedger;
let db: Db;
let scoped: TenantDb;
let paymentId: string;
const sam = { id: uuid7(), label: 'Sam Support' };
const at = (s: number) => new Date(Date.UTC(2026, 11, 5, 14, 6, s));

beforeAll(async () => {
  ledger = await seededLedger();
  db = ledger.db;
  scoped = tenantDb(db, ledger.tenantId);
  // The fixture's flow plays the payment; a second flow plays the sales order it depends on.
  const sales = await scoped.flow.create({
    data: {
      tenantId: ledger.tenantId,
      key: 'sales-order',
      name: 'Paid orders → sales order',
      sourceConnectionId: ledger.commerceConnectionId,
      eventType: 'order.paid',
      targetConnectionId: ledger.warehouseConnectionId,
      operation: 'create_sales_order',
    },
  });
  await scoped.flow.update({ where: { id: ledger.flowId }, data: { dependsOnFlowId: sales.id } });

  paymentId = await insertTransaction(ledger, {
    status: 'failed',
    outbox: false,
    body: { order_number: 1047 },
  });
  await scoped.transaction.update({
    where: { id: paymentId },
    data: { errorClass: 'provider_outage', lastError: 'payment lookup answered 503', attempts: 4 },
  });
  const failed = (s: number, cls: string, said: string, status: number) => ({
    kind: 'event' as const,
    type: 'provider.failed',
    summary: `Warehouse failed (${cls}): ${said}`,
    actor: 'worker',
    occurredAt: at(s),
    data: { status, errorClass: cls },
  });
  await appendTimeline(scoped, ledger.tenantId, paymentId, [
    failed(1, 'missing_dependency', 'no sales order 1047', 422),
    failed(2, 'missing_dependency', 'no sales order 1047', 422),
    failed(3, 'missing_dependency', 'no sales order 1047', 422),
    failed(4, 'provider_outage', 'payment lookup answered 503', 503),
  ]);

  // The sales order step completed (resolved by hand, say) while the target never had it.
  const salesId = await insertTransaction(ledger, { outbox: false, body: { order_number: 1047 } });
  await scoped.transaction.update({
    where: { id: salesId },
    data: { flowId: sales.id, status: 'completed', completedAt: at(0) },
  });
});

afterAll(async () => {
  await ledger?.drop();
});

const expectedCause = {
  errorClass: 'missing_dependency',
  said: 'no sales order 1047',
  httpStatus: 422,
  attempts: 3,
  totalAttempts: 4,
  dependency: { step: 'Paid orders → sales order', target: 'Warehouse', status: 'completed' },
  last: { errorClass: 'provider_outage', message: 'payment lookup answered 503' },
};

describe('the cause of a failure', () => {
  it('is the dominant class on the transaction page, with the last error beside it', async () => {
    const detail = await getTransactionDetail(scoped, paymentId, { maskPersonalData: false });
    expect(detail.cause).toMatchObject(expectedCause);
    expect(detail.cause?.action).toContain('Paid orders → sales order (Warehouse) completed');
    expect(detail.cause?.action).not.toMatch(/fix that one first/i);
    expect(detail.lastError).toBe('payment lookup answered 503');
  });

  it('is the same on the order journey step', async () => {
    const journey = await getOrderJourney(db, ledger.tenantId, '1047', { maskPersonalData: false });
    const step = journey.steps.find((s) => s.id === paymentId);
    expect(step?.cause).toMatchObject(expectedCause);
  });

  it('is judged across the error group, whose advice speaks of the group', async () => {
    const { groups } = await listErrorGroups(db, ledger.tenantId);
    const group = groups.find((g) => g.flowId === ledger.flowId);
    expect(group?.errorClass).toBe('provider_outage');
    expect(group?.cause).toMatchObject({ errorClass: 'missing_dependency', attempts: 3 });
    expect(group?.cause?.action).toContain('then replay the group');
    expect(group?.causeSampled).toBe(1);
  });
});

describe('work held by a pause', () => {
  it('reads "paused" with who, when and why on the list, the journey and the page', async () => {
    const heldId = await insertTransaction(ledger, { body: { order_number: 2048 } });
    await setConnectionPaused(db, ledger.tenantId, ledger.warehouseConnectionId, true, {
      actor: sam,
      reason: 'warehouse stocktake until 14:00',
      wake: () => Promise.resolve(true),
      settleTimeoutMs: 50,
    });
    const held = {
      kind: 'connection',
      name: 'Warehouse',
      pausedBy: 'Sam Support',
      reason: 'warehouse stocktake until 14:00',
    };
    const detail = await getTransactionDetail(scoped, heldId, { maskPersonalData: false });
    expect(detail.status).toBe('received');
    expect(detail.heldBy).toMatchObject(held);
    expect(Date.parse(detail.heldBy?.pausedAt ?? '')).not.toBeNaN();

    const list = await listTransactions(db, ledger.tenantId, { limit: 50 }, { personalData: true });
    expect(list.rows.find((r) => r.id === heldId)?.heldBy).toMatchObject(held);
    // a failed transaction is not held: a pause holds only what would be sent
    expect(list.rows.find((r) => r.id === paymentId)?.heldBy).toBeNull();

    const journey = await getOrderJourney(db, ledger.tenantId, '2048', { maskPersonalData: false });
    expect(journey.steps[0]?.heldBy).toMatchObject(held);
    expect(journey.summary.text).toContain('paused');

    await setConnectionPaused(db, ledger.tenantId, ledger.warehouseConnectionId, false, {
      actor: sam,
      wake: () => Promise.resolve(true),
    });
    const after = await getTransactionDetail(scoped, heldId, { maskPersonalData: false });
    expect(after.heldBy).toBeNull();
  });
});
