// Payload search against a real PostgreSQL: orders and a shipment arrive through the real ingest
// (recordInbound: signature, adapter parse, the one-statement write), and a value inside their
// payloads (a line-item SKU, a tracking number) finds their transactions in this tenant and not in
// another that received the same SKU. The search is one probe of the GIN index on search_terms
// (EXPLAIN says so); a connection's own search paths apply to the next delivery and are audited;
// the backfill fills rows written without terms and is idempotent.
import { randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { updateConnection } from '@/lib/connections/update-connection';
import { createDb, type Db } from '@/lib/db';
import { recordInbound } from '@/lib/ingest/record-inbound';
import { clearIngestTargetCache } from '@/lib/ingest/resolve-target';
import { createTestDatabase } from '@/test/support/database';
import { FIXTURE_KEY_RING, seedFixtureTenant } from '@/test/support/ledger-fixtures';
import { recordingWaker } from '@/test/support/wakes';
import { signedOrderWebhook } from '@/test/support/webhooks';
import { backfillSearchTerms } from './backfill-search-terms';
import { payloadSearchSql, searchPayloads } from './payload-search.presenter';
import { searchLedger } from './search.presenter';
import { isCommonTerm } from './term-frequency';

const WAREHOUSE_SECRET = `whsec_${Buffer.from('dev-warehouse-webhook-key-32b!!').toString('base64')}`;
const ADMIN = { id: '0193a000-0000-7000-8000-0000000000ad', label: 'Ada Admin' };

let db: Db;
let drop: () => Promise<void>;
let url = '';
const tenant = { acme: '', globex: '' };

function order(orderNumber: number, skus: string[], extra: Record<string, unknown> = {}) {
  return {
    id: 770_000_000 + orderNumber,
    order_number: orderNumber,
    email: `buyer${orderNumber}@example.com`,
    line_items: skus.map((sku) => ({ sku, quantity: 1 })),
    ...extra,
  };
}

async function ingest(slug: string, connectionKey: string, body: string, headers: HeadersInit) {
  const outcome = await recordInbound(
    { db, keyRing: FIXTURE_KEY_RING, wake: recordingWaker().wake },
    {
      tenantSlug: slug,
      connectionKey,
      rawBody: Buffer.from(body),
      headers: new Headers(headers),
      tooLarge: false,
      sizeBytes: body.length,
    },
  );
  expect(outcome.kind).toBe('accepted');
  return outcome.kind === 'accepted' ? outcome.transactionIds : [];
}

const deliverOrder = (slug: string, body: Record<string, unknown>) => {
  const hook = signedOrderWebhook(body, 'secret-secret');
  return ingest(slug, 'commerce', hook.body, hook.headers);
};

function deliverShipment(slug: string, orderNumber: string, trackingNumber: string) {
  const id = randomUUID();
  const body = JSON.stringify({
    type: 'fulfilment.status_changed',
    timestamp: new Date().toISOString(),
    data: {
      fulfilment: {
        id: `FUL-${orderNumber}`,
        order_number: orderNumber,
        status: 'SENT',
        tracking_number: trackingNumber,
        lines: [{ sku: 'TENT-2P-GRN', quantity: 1 }],
      },
    },
  });
  const now = new Date();
  return ingest(slug, 'warehouse', body, {
    'content-type': 'application/json',
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
    'webhook-signature': new Webhook(WAREHOUSE_SECRET).sign(id, now, body),
  });
}

beforeAll(async () => {
  const database = await createTestDatabase();
  drop = database.drop;
  url = database.url;
  db = createDb({ connectionString: database.url, poolSize: 4 });
  tenant.acme = (await seedFixtureTenant(db, 'acme')).tenantId;
  tenant.globex = (await seedFixtureTenant(db, 'globex')).tenantId;
  clearIngestTargetCache();
});

afterAll(async () => {
  await db.$disconnect();
  await drop();
});

describe('payload search', () => {
  let acmeOrder: string[] = [];
  let globexOrder: string[] = [];
  let shipment: string[] = [];

  beforeAll(async () => {
    acmeOrder = await deliverOrder('acme', order(5101, ['TENT-2P-GRN', 'Lamp-HD-400']));
    await deliverOrder('acme', order(5102, ['SOCK-MER-M']));
    globexOrder = await deliverOrder('globex', order(6101, ['TENT-2P-GRN']));
    shipment = await deliverShipment('acme', '5101', 'JD014600000451');
  });

  it('stores the normalised values of the default paths at ingest', async () => {
    expect(acmeOrder.length).toBeGreaterThan(0);
    const rows = await db.transaction.findMany({
      where: { id: { in: [...acmeOrder, ...shipment] } },
      select: { searchTerms: true },
    });
    expect(rows.map((r) => r.searchTerms)).toEqual(
      expect.arrayContaining([
        ['tent-2p-grn', 'lamp-hd-400'],
        ['jd014600000451', 'tent-2p-grn'],
      ]),
    );
  });

  it("finds a SKU in any case in this tenant's transactions only", async () => {
    const acme = await searchPayloads(db, tenant.acme, '  tent-2P-grn ');
    expect(acme.term).toBe('tent-2p-grn');
    expect(acme.transactions.map((t) => t.id).sort()).toEqual([...acmeOrder, ...shipment].sort());
    expect(acme.transactions.every((t) => t.businessKey === '5101')).toBe(true);
    const globex = await searchPayloads(db, tenant.globex, 'TENT-2P-GRN');
    expect(globex.transactions.map((t) => t.id).sort()).toEqual([...globexOrder].sort());
  });

  it('finds a tracking number, and not in another tenant', async () => {
    const found = await searchPayloads(db, tenant.acme, 'jd014600000451');
    expect(found.transactions.map((t) => t.id).sort()).toEqual([...shipment].sort());
    expect((await searchPayloads(db, tenant.globex, 'JD014600000451')).transactions).toEqual([]);
    expect((await searchPayloads(db, tenant.acme, 'JD0146')).transactions).toEqual([]); // exact
  });

  it('lands on the order in the console search, matched by a value in the payload', async () => {
    const result = await searchLedger(db, tenant.acme, 'Lamp-HD-400', {
      canReadPersonalData: false,
    });
    expect(result.hits.map((h) => [h.businessKey, h.matchedBy])).toEqual([
      ['5101', 'payload_value'],
    ]);
    const other = await searchLedger(db, tenant.globex, 'Lamp-HD-400', {
      canReadPersonalData: true,
    });
    expect(other.hits).toEqual([]);
  });

  it("applies a connection's own search paths to the next delivery, audited", async () => {
    const commerce = await db.connection.findFirstOrThrow({
      where: { tenantId: tenant.acme, key: 'commerce' },
      select: { id: true },
    });
    const { changed } = await updateConnection(
      db,
      tenant.acme,
      commerce.id,
      { searchPaths: ['$.po_number', '$.line_items[*].sku'] },
      { actor: ADMIN },
    );
    expect(changed).toEqual(['searchPaths']);
    const audit = await db.auditEntry.findFirstOrThrow({
      where: { tenantId: tenant.acme, action: 'connection.updated', objectId: commerce.id },
      orderBy: { createdAt: 'desc' },
      select: { before: true, after: true },
    });
    expect(audit).toEqual({
      before: { searchPaths: null },
      after: { searchPaths: ['$.po_number', '$.line_items[*].sku'] },
    });
    clearIngestTargetCache();
    const ids = await deliverOrder('acme', order(5103, ['PACK-35L-BLU'], { po_number: 'PO-77' }));
    const found = await searchPayloads(db, tenant.acme, 'po-77');
    expect(found.transactions.map((t) => t.id).sort()).toEqual([...ids].sort());
    await expect(
      updateConnection(
        db,
        tenant.acme,
        commerce.id,
        { searchPaths: ['$.x[?(@.y)]'] },
        { actor: ADMIN },
      ),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    // back to the adapter's defaults: SQL NULL again
    const reset = await updateConnection(
      db,
      tenant.acme,
      commerce.id,
      { searchPaths: null },
      { actor: ADMIN },
    );
    expect(reset.changed).toEqual(['searchPaths']);
    const [stored] = await db.$queryRaw<{ search_paths: unknown }[]>`
      SELECT search_paths FROM connections WHERE id = ${commerce.id}::uuid`;
    expect(stored?.search_paths).toBeNull();
    clearIngestTargetCache();
  });

  it('backfills rows written without terms, in batches, and a second run changes nothing', async () => {
    await db.$executeRaw`UPDATE transactions SET search_terms = '{}' WHERE tenant_id = ${tenant.acme}::uuid`;
    expect((await searchPayloads(db, tenant.acme, 'tent-2p-grn')).transactions).toEqual([]);
    const first = await backfillSearchTerms(db, { tenantId: tenant.acme, batchSize: 2 });
    expect(first.done).toBe(true);
    expect(first.updated).toBeGreaterThan(0);
    expect((await searchPayloads(db, tenant.acme, 'TENT-2P-GRN')).transactions).toHaveLength(
      acmeOrder.length + shipment.length,
    );
    const again = await backfillSearchTerms(db, { tenantId: tenant.acme, batchSize: 2 });
    expect(again.updated).toBe(0);
    expect(again.scanned).toBe(first.scanned);
    // globex was not touched by acme's backfill
    expect((await searchPayloads(db, tenant.globex, 'tent-2p-grn')).transactions).toHaveLength(
      globexOrder.length,
    );
  });

  it('is one probe of the GIN index on search_terms, not a scan', async () => {
    // Enough rows, each with its own terms, that a scan would be the planner's worse choice.
    const flow = await db.flow.findFirstOrThrow({
      where: { tenantId: tenant.acme },
      select: { id: true },
    });
    const event = await db.inboundEvent.findFirstOrThrow({
      where: { tenantId: tenant.acme },
      select: { id: true },
    });
    await db.$executeRaw`
      INSERT INTO transactions (id, tenant_id, flow_id, inbound_event_id, business_key,
                                source_object_id, idempotency_key, search_terms)
      SELECT gen_random_uuid(), ${tenant.acme}::uuid, ${flow.id}::uuid, ${event.id}::uuid,
             'filler-' || g, 'filler-' || g, 'filler-' || g,
             ARRAY['sku-' || g, 'trk-' || g, 'sku-common']
      FROM generate_series(1, 20000) AS g`;
    await db.$executeRaw`ANALYZE transactions`;
    const plan = await db.$queryRaw<{ 'QUERY PLAN': unknown }[]>`
      EXPLAIN (FORMAT JSON) ${payloadSearchSql(tenant.acme, 'jd014600000451', 25, false)}`;
    const nodes = planNodes(plan[0]?.['QUERY PLAN']);
    expect(nodes).toContainEqual(
      expect.objectContaining({ index: 'transactions_search_terms_idx' }),
    );
    expect(nodes).not.toContainEqual(
      expect.objectContaining({ type: 'Seq Scan', relation: 'transactions' }),
    );
  });

  it('reads a term in a large share of the rows newest first, and still finds only matches', async () => {
    // a fresh client: the term statistics are cached per client, and ANALYZE ran just now
    const fresh = createDb({ connectionString: url, poolSize: 1 });
    try {
      expect(await isCommonTerm(fresh, 'sku-common')).toBe(true);
      expect(await isCommonTerm(fresh, 'jd014600000451')).toBe(false);
      const found = await searchPayloads(fresh, tenant.acme, 'SKU-COMMON', { limit: 5 });
      expect(found.transactions).toHaveLength(5);
      expect(found.limited).toBe(true);
      const times = found.transactions.map((t) => t.createdAt);
      expect([...times].sort().reverse()).toEqual(times);
      expect((await searchPayloads(fresh, tenant.globex, 'sku-common')).transactions).toEqual([]);
      const plan = await fresh.$queryRaw<{ 'QUERY PLAN': unknown }[]>`
        EXPLAIN (FORMAT JSON) ${payloadSearchSql(tenant.acme, 'sku-common', 25, true)}`;
      expect(planNodes(plan[0]?.['QUERY PLAN'])).not.toContainEqual(
        expect.objectContaining({ type: 'Seq Scan', relation: 'transactions' }),
      );
    } finally {
      await fresh.$disconnect();
    }
  });
});

/** Every node of an EXPLAIN (FORMAT JSON) plan: its type, relation and index. */
function planNodes(explained: unknown): { type: string; relation?: string; index?: string }[] {
  const out: { type: string; relation?: string; index?: string }[] = [];
  const walk = (node: Record<string, unknown>) => {
    out.push({
      type: String(node['Node Type']),
      ...(typeof node['Relation Name'] === 'string' && { relation: node['Relation Name'] }),
      ...(typeof node['Index Name'] === 'string' && { index: node['Index Name'] }),
    });
    for (const child of (node.Plans as Record<string, unknown>[] | undefined) ?? []) walk(child);
  };
  const root = (explained as { Plan: Record<string, unknown> }[] | undefined)?.[0]?.Plan;
  if (root) walk(root);
  return out;
}
