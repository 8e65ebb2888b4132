// The state comparison against real simulators and PostgreSQL: a paid storefront order sent to the
// ERP by the real drain, then compared live; drift injected at the ERP, an ERP outage, masking and
// another tenant's view.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, tenantDb, uuid7, type Db } from '@/lib/db';
import { drainConnection } from '@/lib/engine/drain';
import { createLogger } from '@/lib/observability/logger';
import { startCommerceSimulator } from '@/simulators/commerce/server';
import { startErpSimulator } from '@/simulators/erp/server';
import type { RunningSim } from '@/simulators/shared-http';
import { createTestDatabase } from '@/test/support/database';
import { FIXTURE_KEY_RING, seedFixtureTenant } from '@/test/support/ledger-fixtures';
import { adminJson, createOrders, setChaos } from '@/test/support/sims';
import { getStateComparison, type StateComparison } from './state-comparison.presenter';

const ERP_KEY = 'erp-state-comparison-key';
let commerce: RunningSim;
let erp: RunningSim;
let db: Db;
let drop: () => Promise<void>;
let tenantId: string;
let otherTenantId: string;
let transactionId: string;
let salesOrderId: string;
let erpFlowId: string;

const compare = (opts: { tenant?: string; masked?: boolean } = {}) =>
  getStateComparison(db, opts.tenant ?? tenantId, transactionId, {
    keyRing: FIXTURE_KEY_RING,
    timeoutMs: 1500,
    maskPersonalData: opts.masked ?? false,
  });
const row = (c: StateComparison, field: string) => c.rows.find((r) => r.field === field);

beforeAll(async () => {
  commerce = await startCommerceSimulator({
    port: 0,
    webhookUrl: 'http://127.0.0.1:9/nowhere',
    webhookSecret: 'secret-secret',
    redelivery: { maxAttempts: 1, baseDelayMs: 10, timeoutMs: 200 },
  });
  erp = await startErpSimulator({ port: 0, apiKey: ERP_KEY });
  const database = await createTestDatabase();
  db = createDb({ connectionString: database.url, poolSize: 4 });
  drop = async () => {
    await db.$disconnect();
    await database.drop();
  };
  const seeded = await seedFixtureTenant(db, 'acme', {
    commerceUrl: commerce.url,
    erp: { url: erp.url, credentials: { apiKey: ERP_KEY } },
  });
  tenantId = seeded.tenantId;
  otherTenantId = (await seedFixtureTenant(db, 'globex')).tenantId;
  erpFlowId = seeded.flowIds['orders-paid-to-erp'] ?? '';
  const erpConnectionId = seeded.connectionIds.erp ?? '';

  // A paid order as the storefront has it, received and sent to the ERP by the real drain.
  const [created] = await createOrders(commerce.url, 1);
  const order = await fetch(`${commerce.url}/admin/api/2025-01/orders/${created?.id}.json`);
  const body = ((await order.json()) as { order: { id: number; order_number: number } }).order;
  const scoped = tenantDb(db, tenantId);
  const event = await scoped.inboundEvent.create({
    data: {
      tenantId,
      connectionId: seeded.commerceConnectionId,
      status: 'accepted',
      signatureVerdict: 'valid',
      topic: 'orders/paid',
      body: JSON.stringify(body),
      sizeBytes: 1,
      providerEventId: uuid7(),
    },
  });
  transactionId = uuid7();
  await scoped.transaction.create({
    data: {
      id: transactionId,
      tenantId,
      flowId: erpFlowId,
      inboundEventId: event.id,
      businessKey: String(body.order_number),
      sourceObjectId: String(body.id),
      idempotencyKey: `k-${transactionId}`,
    },
  });
  await scoped.outboxEntry.create({
    data: { tenantId, transactionId, flowId: erpFlowId, connectionId: erpConnectionId },
  });
  await drainConnection(
    {
      db,
      keyRing: FIXTURE_KEY_RING,
      providerTimeoutMs: 1500,
      leaseMs: 5000,
      batchSize: 10,
      budgetMs: 10_000,
      lanes: 1,
      log: createLogger('silent', 'test'),
      random: () => 0.5,
    },
    { tenantId, connectionId: erpConnectionId },
  );
  const txn = await db.transaction.findUniqueOrThrow({ where: { id: transactionId } });
  expect(txn.status).toBe('completed');
  salesOrderId = (txn.externalRefs as Record<string, string>).erp ?? '';
  expect(salesOrderId).toMatch(/^SO-/);
}, 60_000);

afterAll(async () => {
  await commerce?.close();
  await erp?.close();
  await drop?.();
});

describe('getStateComparison', () => {
  it("shows the ERP's live total and status beside the ledger's command, all the same", async () => {
    const before = Date.now();
    const c = await compare();
    const [source, target] = c.systems;
    expect(source).toMatchObject({ role: 'source', key: 'commerce', reading: { state: 'read' } });
    expect(target).toMatchObject({
      role: 'target',
      key: 'erp',
      reading: { state: 'read', ref: salesOrderId, status: 'OPEN' },
    });
    const readAt = target?.reading.state === 'read' ? Date.parse(target.reading.readAt) : 0;
    expect(readAt).toBeGreaterThanOrEqual(before);
    expect(c.ledger.hasCommand).toBe(true);
    const total = row(c, 'total');
    expect(total?.difference).toBe('same');
    expect(total?.cells[1]).toEqual({ state: 'same', value: total?.ledger });
    expect(total?.owner).toEqual({ key: 'commerce', name: 'Storefront' });
    expect(c.differences).toBe(0);
    // no URL or credential of any connection rides along
    const text = JSON.stringify(c);
    expect(text).not.toContain(ERP_KEY);
    expect(text).not.toContain(erp.url);
  });

  it('shows a total changed at the ERP as a difference, with the owner the mapping names', async () => {
    // A new active mapping version that makes the ERP the owner of the total.
    const active = await db.mappingVersion.findFirstOrThrow({ where: { flowId: erpFlowId } });
    const v2 = await db.mappingVersion.create({
      data: {
        tenantId,
        flowId: erpFlowId,
        version: 2,
        expression: active.expression,
        statusTable: active.statusTable ?? {},
        fieldOwnership: { total: 'erp', lines: 'commerce' },
      },
    });
    await db.flow.update({ where: { id: erpFlowId }, data: { activeMappingVersionId: v2.id } });
    await adminJson(erp.url, `records/${salesOrderId}`, { total: '1.00', status: 'CLOSED' });

    const c = await compare();
    const total = row(c, 'total');
    expect(total).toMatchObject({
      difference: 'different',
      owner: { key: 'erp', name: 'ERP' },
      cells: [{ state: 'same' }, { state: 'different', value: '1.00' }],
    });
    expect(row(c, 'lines.0.sku')?.owner?.key).toBe('commerce');
    expect(c.systems[1]?.reading).toMatchObject({ status: 'CLOSED' });
    expect(c.differences).toBe(1);
  });

  it('masks personal values for roles without personal data, after comparing them', async () => {
    const c = await compare({ masked: true });
    const name = row(c, 'customer.name');
    expect(name).toMatchObject({ ledger: '•••', difference: 'same' });
    expect(name?.cells.map((cell) => cell.value)).toEqual(['•••', '•••']);
    expect(row(c, 'customer.email')?.ledger).toBe('•••');
  });

  it('an ERP outage is shown as its class in words; the storefront is still read', async () => {
    await setChaos(erp.url, { maintenance: true });
    try {
      const c = await compare();
      expect(c.systems[0]?.reading.state).toBe('read');
      expect(c.systems[1]?.reading).toMatchObject({
        state: 'failed',
        errorClass: 'provider_outage',
        message: expect.stringContaining('ERP could not be read') as unknown,
      });
      expect(row(c, 'total')?.cells[1]).toEqual({ state: 'not_read', value: null });
    } finally {
      await setChaos(erp.url, { maintenance: false });
    }
  });

  it('says "no record" when the ERP no longer has the referenced record', async () => {
    await adminJson(erp.url, 'reset', {});
    const c = await compare();
    expect(c.systems[1]?.reading).toMatchObject({
      state: 'absent',
      message: expect.stringContaining('No record at ERP') as unknown,
    });
  });

  it("answers NOT_FOUND for another tenant's transaction", async () => {
    await expect(compare({ tenant: otherTenantId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
