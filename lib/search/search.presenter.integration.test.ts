// searchLedger against a real PostgreSQL: every way support finds an order (number, provider
// reference, source id, transaction id, email), the order number ranked first, emails only for
// roles that may read them, and nothing ever from another tenant with the same numbers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuid7, type Db, type ErrorClass, type TransactionStatus } from '@/lib/db';
import { seededLedger, type SeededLedger, seedFixtureTenant } from '@/test/support/ledger-fixtures';
import { MAX_ORDERS, searchLedger } from './search.presenter';

let ledger: SeededLedger;
let db: Db;
let acme: Tenant;
let globex: Tenant;
let acmeErpTxn: string;
let globexTxn: string;

interface Tenant {
  id: string;
  flows: Record<string, string>;
  commerce: string;
}

async function tenantOf(tenantId: string): Promise<Tenant> {
  const flows = await db.flow.findMany({ where: { tenantId }, select: { id: true, key: true } });
  const commerce = await db.connection.findFirstOrThrow({
    where: { tenantId, key: 'commerce' },
    select: { id: true },
  });
  return {
    id: tenantId,
    flows: Object.fromEntries(flows.map((f) => [f.key, f.id])),
    commerce: commerce.id,
  };
}

/** One transaction of `flow` for order `businessKey`, with its inbound event. */
async function addTransaction(
  tenant: Tenant,
  flow: string,
  businessKey: string,
  o: {
    status?: TransactionStatus;
    errorClass?: ErrorClass;
    externalRefs?: Record<string, string>;
    customerEmail?: string;
    sourceObjectId?: string;
    at?: Date;
  } = {},
): Promise<string> {
  const event = await db.inboundEvent.create({
    data: {
      tenantId: tenant.id,
      connectionId: tenant.commerce,
      status: 'accepted',
      signatureVerdict: 'valid',
      body: '{}',
      sizeBytes: 2,
      providerEventId: uuid7(),
    },
  });
  const id = uuid7();
  await db.transaction.create({
    data: {
      id,
      tenantId: tenant.id,
      flowId: tenant.flows[flow] ?? '',
      inboundEventId: event.id,
      businessKey,
      sourceObjectId: o.sourceObjectId ?? `99000${businessKey}`,
      idempotencyKey: `k-${id}`,
      status: o.status ?? 'completed',
      errorClass: o.errorClass ?? null,
      externalRefs: o.externalRefs ?? {},
      customerEmail: o.customerEmail ?? null,
      ...(o.at && { createdAt: o.at, updatedAt: o.at }),
    },
  });
  return id;
}

const support = { canReadPersonalData: true };
const viewer = { canReadPersonalData: false };
const search = (q: string, options = support) => searchLedger(db, acme.id, q, options);

beforeAll(async () => {
  ledger = await seededLedger();
  db = ledger.db;
  const other = await seedFixtureTenant(db, 'globex');
  acme = await tenantOf(ledger.tenantId);
  globex = await tenantOf(other.tenantId);

  const email = 'buyer1047@example.com';
  await addTransaction(acme, 'orders-paid-to-warehouse', '1047', {
    externalRefs: { warehouse: 'FUL-000123' },
    customerEmail: email,
  });
  acmeErpTxn = await addTransaction(acme, 'orders-paid-to-erp', '1047', {
    status: 'failed',
    errorClass: 'auth',
    customerEmail: email,
  });
  await addTransaction(acme, 'orders-paid-to-crm', '1047', {
    externalRefs: { crm: 'C-55' },
    customerEmail: email,
  });
  // The same customer's later order.
  await addTransaction(acme, 'orders-paid-to-warehouse', '1048', {
    customerEmail: email,
    at: new Date(Date.now() + 60_000),
  });
  // An order whose number is another order's source object id.
  await addTransaction(acme, 'orders-paid-to-warehouse', '2000');
  await addTransaction(acme, 'orders-paid-to-warehouse', '3000', { sourceObjectId: '2000' });

  // Globex has an order 1047 too, with the same references, and its own order 5555.
  await addTransaction(globex, 'orders-paid-to-warehouse', '1047', {
    externalRefs: { warehouse: 'FUL-000123' },
    customerEmail: email,
  });
  globexTxn = await addTransaction(globex, 'orders-paid-to-warehouse', '5555', {
    externalRefs: { warehouse: 'FUL-GLOBEX' },
    customerEmail: 'only-at-globex@example.com',
    sourceObjectId: 'gid-5555',
  });
});
afterAll(async () => {
  await ledger?.drop();
});

describe('searchLedger', () => {
  it('finds an order by its number, with how its transactions stand', async () => {
    const result = await search('1047');
    expect(result.kind).toBe('business_key');
    expect(result.hits[0]).toMatchObject({
      businessKey: '1047',
      matchedBy: 'business_key',
      matchedByLabel: 'order number',
      transactionCount: 3,
      statusCounts: { completed: 2, failed: 1 },
      statusSummary: '1 failed · 2 completed',
      headlineStatus: 'failed',
      needsAttention: true,
      customerEmail: 'buyer1047@example.com',
    });
    expect(result.hits[0]?.lastActivityAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(result.hits).toHaveLength(1);
    expect((await search('#1047')).hits.map((h) => h.businessKey)).toEqual(['1047']);
  });

  it('ranks the order number above an order that only shares it as a source id', async () => {
    const result = await search('2000');
    expect(result.hits.map((h) => [h.businessKey, h.matchedBy])).toEqual([
      ['2000', 'business_key'],
      ['3000', 'source_object_id'],
    ]);
  });

  it('finds an order by any system’s reference', async () => {
    for (const ref of ['FUL-000123', 'C-55']) {
      const result = await search(ref);
      expect(result.kind).toBe('external_id');
      expect(result.hits.map((h) => [h.businessKey, h.matchedBy])).toEqual([
        ['1047', 'external_ref'],
      ]);
    }
    expect((await search('ful-000123')).hits).toEqual([]);
  });

  it('finds an order by the source’s object id and by a transaction id', async () => {
    expect((await search('990001047')).hits[0]).toMatchObject({
      businessKey: '1047',
      matchedBy: 'source_object_id',
    });
    expect((await search(acmeErpTxn.toUpperCase())).hits).toMatchObject([
      { businessKey: '1047', matchedBy: 'transaction_id', transactionCount: 3 },
    ]);
  });

  it('finds a customer’s orders by email, most recently active first', async () => {
    const result = await search('  Buyer1047@Example.com ');
    expect(result.kind).toBe('customer_email');
    expect(result.emailSearchRefused).toBe(false);
    expect(result.hits.map((h) => [h.businessKey, h.matchedBy])).toEqual([
      ['1048', 'customer_email'],
      ['1047', 'customer_email'],
    ]);
  });

  it('refuses an email search to viewers and masks the emails they see', async () => {
    const refused = await search('buyer1047@example.com', viewer);
    expect(refused).toMatchObject({ emailSearchRefused: true, hits: [] });
    const masked = await search('1047', viewer);
    expect(masked.hits[0]?.customerEmail).toBe('b***@example.com');
    expect(JSON.stringify(masked)).not.toContain('buyer1047@');
  });

  it('answers nothing for nothing', async () => {
    expect((await search('   ')).hits).toEqual([]);
    expect((await search('no-such-ref')).hits).toEqual([]);
    expect((await search('#999999')).hits).toEqual([]);
  });

  it('never returns another tenant’s orders, whatever is typed', async () => {
    for (const q of ['5555', 'FUL-GLOBEX', 'gid-5555', globexTxn, 'only-at-globex@example.com']) {
      expect((await search(q)).hits, q).toEqual([]);
    }
    // The same order number and reference at both tenants: only ours, with only our count.
    expect((await search('FUL-000123')).hits.map((h) => h.transactionCount)).toEqual([3]);
    const globexView = await searchLedger(db, globex.id, '1047', support);
    expect(globexView.hits).toMatchObject([{ businessKey: '1047', transactionCount: 1 }]);
  });

  it(`shows at most ${MAX_ORDERS} orders`, async () => {
    const email = 'frequent@example.com';
    for (let i = 0; i < MAX_ORDERS + 2; i++)
      await addTransaction(acme, 'orders-paid-to-crm', `7${i}`, {
        customerEmail: email,
        at: new Date(Date.UTC(2026, 0, 1, 0, i)),
      });
    const result = await search(email);
    expect(result.hits).toHaveLength(MAX_ORDERS);
    // The two oldest orders are the ones left out.
    expect(result.hits.map((h) => h.businessKey)).not.toContain('70');
    expect(result.hits[0]?.businessKey).toBe(`7${MAX_ORDERS + 1}`);
  });
});
