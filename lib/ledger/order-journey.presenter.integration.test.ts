// getOrderJourney against a real PostgreSQL: every transaction of the order across flows, in the
// order the work was created, each with its newest timeline step; personal data masked for
// viewers; another tenant's order with the same number never shows, and an unknown order is 404.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuid7, type Db, type ErrorClass, type TransactionStatus } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { seededLedger, type SeededLedger, seedFixtureTenant } from '@/test/support/ledger-fixtures';
import { getOrderJourney } from './order-journey.presenter';

let ledger: SeededLedger;
let db: Db;
let acmeId: string;
let globexId: string;
let erpTxn: string;
let crmTxn: string;

const at = (minute: number) => new Date(Date.UTC(2026, 2, 1, 9, minute));

/** One transaction of flow `flowKey` for order `businessKey`, with the given timeline. */
async function addTransaction(
  tenantId: string,
  flowKey: string,
  businessKey: string,
  o: {
    status: TransactionStatus;
    createdAt: Date;
    errorClass?: ErrorClass;
    lastError?: string;
    externalRefs?: Record<string, string>;
    timeline?: { type: string; summary: string; at: Date }[];
  },
): Promise<string> {
  const flow = await db.flow.findFirstOrThrow({
    where: { tenantId, key: flowKey },
    select: { id: true, sourceConnectionId: true },
  });
  const event = await db.inboundEvent.create({
    data: {
      tenantId,
      connectionId: flow.sourceConnectionId,
      status: 'accepted',
      signatureVerdict: 'valid',
      body: '{}',
      sizeBytes: 2,
    },
  });
  const id = uuid7();
  await db.transaction.create({
    data: {
      id,
      tenantId,
      flowId: flow.id,
      inboundEventId: event.id,
      businessKey,
      sourceObjectId: `src-${businessKey}`,
      idempotencyKey: `k-${id}`,
      status: o.status,
      errorClass: o.errorClass ?? null,
      lastError: o.lastError ?? null,
      attempts: o.errorClass ? 3 : 1,
      externalRefs: o.externalRefs ?? {},
      customerEmail: 'ada@example.com',
      createdAt: o.createdAt,
      updatedAt: o.createdAt,
      completedAt: o.status === 'completed' ? o.createdAt : null,
    },
  });
  await db.timelineEntry.createMany({
    data: (o.timeline ?? []).map((e) => ({
      tenantId,
      transactionId: id,
      kind: 'event' as const,
      type: e.type,
      summary: e.summary,
      occurredAt: e.at,
    })),
  });
  return id;
}

beforeAll(async () => {
  ledger = await seededLedger();
  db = ledger.db;
  acmeId = ledger.tenantId;
  const globex = await seedFixtureTenant(db, 'globex');
  globexId = globex.tenantId;

  // Inserted out of order on purpose: the journey orders by when the work was created.
  crmTxn = await addTransaction(acmeId, 'orders-paid-to-crm', '1047', {
    status: 'completed',
    createdAt: at(2),
    externalRefs: { crm: 'C-1' },
    // Same instant: the later entry (higher id) is the last step.
    timeline: [
      { type: 'command.sent', summary: 'upsert sent', at: at(3) },
      { type: 'status.changed', summary: 'customer ada@example.com stored', at: at(3) },
    ],
  });
  await addTransaction(acmeId, 'orders-paid-to-warehouse', '1047', {
    status: 'completed',
    createdAt: at(0),
    externalRefs: { warehouse: 'FUL-000123' },
    timeline: [
      { type: 'provider.accepted', summary: 'fulfilment created', at: at(5) },
      { type: 'command.sent', summary: 'create sent', at: at(1) },
    ],
  });
  erpTxn = await addTransaction(acmeId, 'orders-paid-to-erp', '1047', {
    status: 'failed',
    createdAt: at(1),
    errorClass: 'auth',
    lastError: 'ERP refused the key for ada@example.com (401)',
  });
  await addTransaction(acmeId, 'orders-paid-to-warehouse', '1048', {
    status: 'completed',
    createdAt: at(9),
  });
  await addTransaction(globexId, 'orders-paid-to-warehouse', '1047', {
    status: 'failed',
    createdAt: at(0),
    errorClass: 'timeout',
  });
  await addTransaction(globexId, 'orders-paid-to-warehouse', '7777', {
    status: 'completed',
    createdAt: at(0),
  });
});
afterAll(async () => {
  await ledger?.drop();
});

const journey = (key: string, maskPersonalData = false, tenantId = acmeId) =>
  getOrderJourney(db, tenantId, key, { maskPersonalData });

describe('getOrderJourney', () => {
  it('lists every transaction of the order across flows, in the order the work began', async () => {
    const j = await journey('1047');
    expect(j.businessKey).toBe('1047');
    expect(j.truncated).toBe(false);
    expect(j.steps.map((s) => [s.flow.name, s.source, s.target, s.status])).toEqual([
      ['Paid orders → warehouse fulfilment', 'Storefront', 'Warehouse', 'completed'],
      ['Paid orders → ERP sales order', 'Storefront', 'ERP', 'failed'],
      ['Paid orders → CRM customer', 'Storefront', 'CRM', 'completed'],
    ]);
    expect(j.summary.text).toBe('paid ✓ → Warehouse ✓ → ERP failed (auth) ✗ → CRM ✓');
  });

  it('gives each step its facts and its newest timeline entry', async () => {
    const [warehouse, erp, crm] = (await journey('1047')).steps;
    expect(warehouse).toMatchObject({
      flow: { key: 'orders-paid-to-warehouse', operation: 'create_fulfilment' },
      externalRefs: { warehouse: 'FUL-000123' },
      createdAt: at(0).toISOString(),
      completedAt: at(0).toISOString(),
      lastStep: { type: 'provider.accepted', summary: 'fulfilment created', kind: 'event' },
    });
    expect(warehouse?.lastStep?.occurredAt).toBe(at(5).toISOString());
    expect(erp).toMatchObject({
      id: erpTxn,
      errorClass: 'auth',
      attempts: 3,
      lastError: 'ERP refused the key for ada@example.com (401)',
      lastStep: null,
    });
    expect(crm).toMatchObject({ id: crmTxn, lastStep: { type: 'status.changed' } });
  });

  it('masks personal data for roles that may not read it', async () => {
    const j = await journey('1047', true);
    expect(j.customerEmail).toBe('a***@example.com');
    expect(j.steps[1]?.lastError).toBe('ERP refused the key for a***@example.com (401)');
    expect(j.steps[2]?.lastStep?.summary).toBe('customer a***@example.com stored');
    expect(JSON.stringify(j)).not.toContain('ada@');
    expect((await journey('1047')).customerEmail).toBe('ada@example.com');
  });

  it('never shows another tenant’s transactions with the same order number', async () => {
    const ours = await journey('1047');
    expect(ours.steps).toHaveLength(3);
    expect(ours.steps.map((s) => s.errorClass)).not.toContain('timeout');
    const theirs = await journey('1047', false, globexId);
    expect(theirs.steps.map((s) => [s.target, s.errorClass])).toEqual([['Warehouse', 'timeout']]);
  });

  it('answers not found for an unknown order and for another tenant’s order', async () => {
    for (const key of ['9999', '7777', '']) {
      const error = await journey(key).catch((e: unknown) => e);
      expect(error, key).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('NOT_FOUND');
    }
  });
});
