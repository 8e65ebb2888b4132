// Erasing one customer against a real PostgreSQL and the CRM simulator over HTTP. The customer's
// orders arrive through the real ingest (signed webhooks, a duplicate, a refused delivery) and the
// CRM flow is drained for real (its request line carries ".../contacts/lars.jansen%2B993727%40…");
// a note, an export searched by the address, a drift item, a run's and a connection's error name
// the address too. Another customer of the same tenant and the same address in another tenant are
// there as well. After the erasure a query over EVERY text and JSON column of EVERY table of the
// schema (read from information_schema, so a table added later is covered) finds no trace of the
// address in that tenant, while the other customer and the other tenant are untouched.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '@/lib/audit';
import { createDb, Prisma, tenantDb, type Db } from '@/lib/db';
import { drainConnection } from '@/lib/engine/drain';
import { recordInbound } from '@/lib/ingest/record-inbound';
import { addNote } from '@/lib/ledger/add-note';
import { startTransactionsExport } from '@/lib/ledger/transaction-export';
import { createLogger } from '@/lib/observability/logger';
import { startCrmSimulator } from '@/simulators/crm/server';
import type { RunningSim } from '@/simulators/shared-http';
import { createTestDatabase } from '@/test/support/database';
import { FIXTURE_KEY_RING, seedFixtureTenant } from '@/test/support/ledger-fixtures';
import { recordingWaker } from '@/test/support/wakes';
import { signedOrderWebhook } from '@/test/support/webhooks';
import { eraseCustomer } from './erase-customer';
import { erasureResponse } from './erasure-api';
import { erasureProof } from './erasure-proof';

const EMAIL = 'lars.jansen+993727@example.com';
const OTHER = 'anna.berg@example.com';
const CRM_KEY = 'crm-key';
const SECRET = 'instance-secret-for-tests';
const ADMIN = { id: '0193a000-0000-7000-8000-0000000000ad', label: 'Ada Admin' };
const NOW = new Date('2026-12-06T10:00:00Z');
const MARKER = '[erased 2026-12-06]';

let crm: RunningSim;
let db: Db;
let drop: () => Promise<void>;
const tenants: Record<'acme' | 'globex', { id: string; crmId: string }> = {
  acme: { id: '', crmId: '' },
  globex: { id: '', crmId: '' },
};

/** The stored spellings the acceptance names: raw, percent-encoded once and twice, a JSON \u escape. */
function spellings(email: string): string[] {
  const once = encodeURIComponent(email);
  return [email, once, encodeURIComponent(once), email.replace('@', '\\u0040')];
}
const like = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * Every text, varchar, json, jsonb and text-array column of every table of the schema, from
 * information_schema (not a hand list): "table.column" for each that holds the address in any
 * spelling and any case, in the tenant's rows (every row of a table without tenant_id).
 */
async function traces(email: string, tenantId: string): Promise<string[]> {
  const columns = await db.$queryRaw<{ table_name: string; column_name: string }[]>`
    SELECT c.table_name, c.column_name FROM information_schema.columns c
    JOIN information_schema.tables t
      ON t.table_schema = c.table_schema AND t.table_name = c.table_name
    WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
      AND (c.data_type IN ('text', 'character varying', 'character', 'json', 'jsonb')
        OR (c.data_type = 'ARRAY' AND c.udt_name IN ('_text', '_varchar')))
    ORDER BY c.table_name, c.column_name`;
  const tenantTables = new Set(
    (
      await db.$queryRaw<{ table_name: string }[]>`
        SELECT table_name FROM information_schema.columns
        WHERE table_schema = current_schema() AND column_name = 'tenant_id'`
    ).map((r) => r.table_name),
  );
  const patterns = spellings(email).map(like);
  const found: string[] = [];
  for (const { table_name: table, column_name: column } of columns) {
    const scope = tenantTables.has(table)
      ? Prisma.sql`tenant_id = ${tenantId}::uuid AND`
      : Prisma.empty;
    const [row] = await db.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM ${Prisma.raw(`"${table}"`)}
      WHERE ${scope} ${Prisma.raw(`"${column}"`)}::text ILIKE ANY(${patterns}::text[])`;
    if ((row?.n ?? 0) > 0) found.push(`${table}.${column}`);
  }
  return found;
}

function order(orderNumber: number, email: string, first: string, last: string) {
  return {
    id: 990_000_000 + orderNumber,
    order_number: orderNumber,
    email,
    customer: { first_name: first, last_name: last, full_name: `${first} ${last}` },
    line_items: [{ sku: 'TENT-2P-GRN', quantity: 1, price: '120.00' }],
    shipping_address: { name: `${first} ${last}`, address1: 'Prinsengracht 263', zip: '1016 GV' },
  };
}

async function deliver(slug: string, body: Record<string, unknown>, eventId = randomUUID()) {
  const hook = signedOrderWebhook(body, 'secret-secret', { eventId });
  return recordInbound(
    { db, keyRing: FIXTURE_KEY_RING, wake: recordingWaker().wake },
    {
      tenantSlug: slug,
      connectionKey: 'commerce',
      rawBody: Buffer.from(hook.body),
      headers: new Headers(hook.headers),
      tooLarge: false,
      sizeBytes: hook.body.length,
    },
  );
}

async function drainCrm(tenantId: string, connectionId: string) {
  await drainConnection(
    {
      db,
      keyRing: FIXTURE_KEY_RING,
      providerTimeoutMs: 3000,
      leaseMs: 5000,
      batchSize: 10,
      budgetMs: 20_000,
      lanes: 1,
      log: createLogger('silent', 'test'),
    },
    { tenantId, connectionId },
  );
}

/** One customer's orders through ingest and the CRM, and the texts that quote the address. */
async function produce(slug: 'acme' | 'globex') {
  const { id: tenantId, crmId } = tenants[slug];
  const scoped = tenantDb(db, tenantId);
  const repeated = randomUUID();
  const lars = order(993727, EMAIL, 'Lars', 'Jansen');
  expect((await deliver(slug, lars, repeated)).kind).toBe('accepted');
  expect((await deliver(slug, lars, repeated)).kind).toBe('duplicate');
  // a second order of the same customer, the address typed in capitals by the storefront
  expect((await deliver(slug, order(993730, EMAIL.toUpperCase(), 'Lars', 'Jansen'))).kind).toBe(
    'accepted',
  );
  expect((await deliver(slug, order(993728, OTHER, 'Anna', 'Berg'))).kind).toBe('accepted');
  // a delivery refused for its signature: its head is kept for the operator
  const forged = signedOrderWebhook(lars, 'wrong-secret');
  const refused = await recordInbound(
    { db, keyRing: FIXTURE_KEY_RING, wake: recordingWaker().wake },
    {
      tenantSlug: slug,
      connectionKey: 'commerce',
      rawBody: Buffer.from(forged.body),
      headers: new Headers(forged.headers),
      tooLarge: false,
      sizeBytes: forged.body.length,
    },
  );
  expect(refused.kind).toBe('rejected');
  await drainCrm(tenantId, crmId);
  const anna = await scoped.transaction.findFirstOrThrow({
    where: { customerEmail: OTHER, flow: { targetConnectionId: crmId } },
    select: { id: true },
  });
  // a support agent's note on ANOTHER customer's transaction names the address (timeline + audit)
  await addNote(scoped, tenantId, anna.id, {
    actor: ADMIN,
    note: `same household as ${EMAIL}, ship together`,
  });
  // support searched by the address and exported what they found
  const rows = await startTransactionsExport(
    db,
    tenantId,
    { statuses: [], q: EMAIL, sort: 'newest' },
    {
      personalData: true,
      now: new Date(),
      actor: ADMIN,
    },
  );
  await rows.next();
  // reconciliation found the CRM contact, a run and the connection quote the request line
  const flowId = (await scoped.flow.findFirstOrThrow({ where: { targetConnectionId: crmId } })).id;
  const url = `${crm.url}/crm/v3/contacts/${encodeURIComponent(EMAIL)}`;
  const run = await scoped.reconciliationRun.create({
    data: {
      tenantId,
      flowId,
      windowFrom: new Date(Date.now() - 3_600_000),
      windowTo: new Date(),
      trigger: 'api',
      requestedBy: 'Fiona Finance',
      error: `GET ${url} answered 502`,
    },
  });
  await scoped.driftItem.create({
    data: {
      tenantId,
      runId: run.id,
      flowId,
      kind: 'field_mismatch',
      businessKey: '993727',
      field: 'givenName',
      ledgerValue: 'Lars',
      providerValue: 'Renamed',
      providerRecord: { email: EMAIL, given_name: 'Renamed', family_name: 'Jansen' },
    },
  });
  await scoped.connection.update({
    where: { id: crmId },
    data: { lastError: `PUT ${url}: 503` },
  });
}

beforeAll(async () => {
  crm = await startCrmSimulator({ port: 0, apiKey: CRM_KEY });
  const database = await createTestDatabase();
  db = createDb({ connectionString: database.url, poolSize: 4 });
  drop = async () => {
    await db.$disconnect();
    await database.drop();
  };
  for (const slug of ['acme', 'globex'] as const) {
    const seeded = await seedFixtureTenant(db, slug, {
      crm: { url: crm.url, credentials: { apiKey: CRM_KEY } },
    });
    tenants[slug] = { id: seeded.tenantId, crmId: seeded.connectionIds.crm ?? '' };
    // payload search by the buyer's address too: its terms must be erased with it
    await tenantDb(db, seeded.tenantId).connection.updateMany({
      where: { key: 'commerce' },
      data: { searchPaths: ['$.email', '$.line_items[*].sku'] },
    });
    await produce(slug);
  }
}, 120_000);

afterAll(async () => {
  await crm?.close();
  await drop?.();
});

describe("erasing one customer's personal data", () => {
  let counts: Record<string, number>;

  it('the column query finds the address in many places before (it can fail)', async () => {
    const before = await traces(EMAIL, tenants.acme.id);
    expect(before).toEqual(
      expect.arrayContaining([
        'connections.last_error',
        'drift_items.provider_record',
        'inbound_events.body',
        'reconciliation_runs.error',
        'timeline_entries.data',
        'timeline_entries.summary',
        'transactions.customer_email',
        'transactions.search_terms',
      ]),
    );
    // the CRM's request line held the encoded address: what the URL-encoded spelling is for
    const [sent] = await db.$queryRaw<{ url: string }[]>`
      SELECT data->>'url' AS url FROM timeline_entries
      WHERE tenant_id = ${tenants.acme.id}::uuid AND type = 'command.sent'
        AND data->>'url' LIKE '%contacts/lars.jansen%2B993727%40example.com'`;
    expect(sent?.url).toBeDefined();
    // the audit log never took the address in: the note and the export's search are shortened
    expect(before.filter((c) => c.startsWith('audit_entries.'))).toEqual([]);
  });

  it('leaves no trace of the address in any text or JSON column of the tenant', async () => {
    const ledgerBefore = await db.transaction.count({ where: { tenantId: tenants.acme.id } });
    // both orders' transactions, one per flow of order.paid
    const orders = await db.transaction.count({
      where: { tenantId: tenants.acme.id, businessKey: { in: ['993727', '993730'] } },
    });
    expect(orders).toBeGreaterThanOrEqual(4);
    const result = await eraseCustomer(db, {
      tenantId: tenants.acme.id,
      email: ` ${EMAIL.toUpperCase()} `,
      reason: `GDPR request #4411 from ${EMAIL}`,
      actor: ADMIN,
      proofSecret: SECRET,
      now: NOW,
      chunk: 7, // several chunks per table
    });
    counts = result.erased;
    // what POST /api/v1/erasures answers is what its documented schema says
    expect(erasureResponse.safeParse(result).success).toBe(true);
    expect(await traces(EMAIL, tenants.acme.id)).toEqual([]);
    expect(result).toMatchObject({
      marker: MARKER,
      proof: erasureProof(SECRET, tenants.acme.id, EMAIL),
      auditEntriesUnchanged: 0,
    });
    // the orders' transactions; the duplicate and the refused delivery, the note, the run, the
    // drift item and the connection were found by the sweeps
    expect(result.erased).toMatchObject({
      transactions: orders,
      driftItems: 1,
      reconciliationRuns: 1,
      connections: 1,
    });
    expect(result.erased.inboundEvents).toBe(4);
    // per order the CRM's command and answer (the other flows were not dispatched), and the note
    expect(result.erased.timelineEntries).toBe(2 * 2 + 1);
    // the ledger keeps its rows, statuses and references
    expect(await db.transaction.count({ where: { tenantId: tenants.acme.id } })).toBe(ledgerBefore);
  });

  it('rewrites values, not facts: markers where the customer was, the rest as it was', async () => {
    const scoped = tenantDb(db, tenants.acme.id);
    const crmTxn = await scoped.transaction.findFirstOrThrow({
      where: { businessKey: '993727', flow: { targetConnectionId: tenants.acme.crmId } },
      select: {
        id: true,
        status: true,
        customerEmail: true,
        externalRefs: true,
        inboundEvent: { select: { body: true } },
        timeline: { select: { type: true, summary: true, data: true }, orderBy: { id: 'asc' } },
      },
    });
    expect(crmTxn.status).toBe('completed');
    expect(crmTxn.customerEmail).toBe(MARKER);
    // the CRM's contact reference stays
    expect(Object.keys(crmTxn.externalRefs as object)).not.toHaveLength(0);
    const body = JSON.parse(crmTxn.inboundEvent.body) as Record<string, unknown>;
    expect(body).toMatchObject({
      order_number: 993727,
      email: MARKER,
      customer: { first_name: MARKER, last_name: MARKER, full_name: MARKER },
      shipping_address: { address1: MARKER, zip: MARKER },
      line_items: [{ sku: 'TENT-2P-GRN', quantity: 1, price: '120.00' }],
    });
    const sent = crmTxn.timeline.find((f) => f.type === 'command.sent');
    expect(sent?.data).toMatchObject({
      url: `${crm.url}/crm/v3/contacts/${MARKER}`,
      request: { email: MARKER, givenName: MARKER, familyName: MARKER, externalRef: '993727' },
      requestBody: { email: MARKER, given_name: MARKER, family_name: MARKER },
    });
    expect(JSON.stringify(crmTxn.timeline)).not.toMatch(/Jansen|Prinsengracht/i);
    expect(crmTxn.timeline.at(-1)).toMatchObject({
      type: 'personal_data.erased',
      summary: "Ada Admin erased the customer's personal data on request",
    });
  });

  it('records one audit entry without the address, and the chain still verifies', async () => {
    const [entry] = await tenantDb(db, tenants.acme.id).auditEntry.findMany({
      where: { action: 'customer.erased' },
      select: { objectType: true, objectId: true, reason: true, after: true },
    });
    expect(entry).toMatchObject({
      objectType: 'customer',
      objectId: erasureProof(SECRET, tenants.acme.id, EMAIL),
      reason: `GDPR request #4411 from ${MARKER}`,
      after: { marker: MARKER, erased: counts },
    });
    expect(JSON.stringify(entry).toLowerCase()).not.toContain('jansen');
    expect((await verifyAuditChain(db, tenants.acme.id)).ok).toBe(true);
  });

  it('leaves the other customer and the other tenant untouched', async () => {
    expect(await traces(OTHER, tenants.acme.id)).toEqual(
      expect.arrayContaining([
        'inbound_events.body',
        'timeline_entries.data',
        'transactions.customer_email',
      ]),
    );
    const anna = await tenantDb(db, tenants.acme.id).transaction.findFirstOrThrow({
      where: { businessKey: '993728', flow: { targetConnectionId: tenants.acme.crmId } },
      select: { inboundEvent: { select: { body: true } }, timeline: { select: { summary: true } } },
    });
    expect(JSON.parse(anna.inboundEvent.body) as unknown).toMatchObject({
      email: OTHER,
      customer: { first_name: 'Anna', last_name: 'Berg' },
    });
    // her note lost only the erased address
    expect(anna.timeline.map((f) => f.summary)).toContain(
      `Ada Admin added a note: same household as ${MARKER}, ship together`,
    );
    const globex = await traces(EMAIL, tenants.globex.id);
    expect(globex).toEqual(
      expect.arrayContaining([
        'inbound_events.body',
        'timeline_entries.data',
        'drift_items.provider_record',
      ]),
    );
  });

  it('a second run finds nothing and changes nothing', async () => {
    const again = await eraseCustomer(db, {
      tenantId: tenants.acme.id,
      email: EMAIL,
      actor: ADMIN,
      proofSecret: SECRET,
      now: new Date('2026-12-07T10:00:00Z'),
    });
    expect(again.total).toBe(0);
    expect(again.proof).toBe(erasureProof(SECRET, tenants.acme.id, EMAIL));
    expect(await traces(EMAIL, tenants.acme.id)).toEqual([]);
    // no marker of the second day anywhere: nothing was rewritten
    const [row] = await db.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM timeline_entries
      WHERE tenant_id = ${tenants.acme.id}::uuid AND data::text LIKE '%erased 2026-12-07%'`;
    expect(row?.n).toBe(0);
  });
});
