// The Transactions screen's read model against a real PostgreSQL: every filter selects exactly
// what it names, keyset pages cover the set exactly once in both orders (ties on created_at
// included), another tenant's rows, flows and connections never leak in, and the CSV export
// streams the whole filtered set.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tenantDb, uuid7, type Db, type ErrorClass, type TransactionStatus } from '@/lib/db';
import { seededLedger, type SeededLedger, seedFixtureTenant } from '@/test/support/ledger-fixtures';
import { encodeCursor } from './keyset-cursor';
import { csvStream, exportTransactionsCsv } from './transaction-export';
import type { TransactionFilter } from './transaction-filter';
import { listTransactions, type TransactionListQuery } from './transaction-list.presenter';

interface Fixture {
  id: string;
  flowId: string;
  status: TransactionStatus;
  errorClass: ErrorClass | null;
  createdAt: Date;
  businessKey: string;
  sourceObjectId: string;
  customerEmail: string | null;
  externalRefs: Record<string, string>;
}

const STATUSES: TransactionStatus[] = ['failed', 'completed', 'needs_review', 'received'];
const CLASSES: ErrorClass[] = ['auth', 'timeout'];
const BASE = Date.parse('2025-03-03T09:00:00.000Z');

let ledger: SeededLedger;
let db: Db;
let tenantId: string;
let other: {
  tenantId: string;
  flowIds: Record<string, string>;
  connectionIds: Record<string, string>;
};
let flows: Record<string, string>;
let connections: Record<string, string>;
let mine: Fixture[];
let theirs: Fixture[];

/** Three rows per timestamp (ties), across three flows, four statuses and two error classes. */
async function insertMany(tenant: string, flowIds: string[], count: number, prefix: string) {
  const scoped = tenantDb(db, tenant);
  const connection = await scoped.connection.findFirstOrThrow({ where: { key: 'commerce' } });
  const event = await scoped.inboundEvent.create({
    data: {
      tenantId: tenant,
      connectionId: connection.id,
      status: 'accepted',
      signatureVerdict: 'valid',
      body: '{}',
      sizeBytes: 2,
      providerEventId: uuid7(),
    },
  });
  const rows: Fixture[] = Array.from({ length: count }, (_, i) => {
    const status = STATUSES[i % STATUSES.length] ?? 'received';
    const externalRefs: Record<string, string> = {};
    if (i % 4 === 1) externalRefs.warehouse = `${prefix}-FUL-${i}`;
    return {
      id: uuid7(),
      flowId: flowIds[i % flowIds.length] ?? '',
      status,
      errorClass: status === 'failed' ? (CLASSES[i % 3 === 0 ? 0 : 1] ?? null) : null,
      createdAt: new Date(BASE + Math.floor(i / 3) * 60_000),
      businessKey: String(1000 + (i % 10)),
      sourceObjectId: `${prefix}-src-${i}`,
      customerEmail: i % 5 === 0 ? `buyer${i}@example.com` : null,
      externalRefs,
    };
  });
  await scoped.transaction.createMany({
    data: rows.map((r) => ({
      ...r,
      tenantId: tenant,
      inboundEventId: event.id,
      idempotencyKey: `k-${r.id}`,
      updatedAt: r.createdAt,
    })),
  });
  return rows;
}

beforeAll(async () => {
  ledger = await seededLedger();
  db = ledger.db;
  tenantId = ledger.tenantId;
  const seeded = await seedFixtureTenant(db, 'acme');
  flows = seeded.flowIds;
  connections = seeded.connectionIds;
  other = await seedFixtureTenant(db, 'globex');
  const paid = (ids: Record<string, string>) =>
    ['orders-paid-to-warehouse', 'orders-paid-to-erp', 'orders-paid-to-crm'].map(
      (k) => ids[k] ?? '',
    );
  mine = await insertMany(tenantId, paid(flows), 60, 'acme');
  theirs = await insertMany(other.tenantId, paid(other.flowIds), 30, 'globex');
});
afterAll(async () => {
  await ledger?.drop();
});

const byNewest = (a: Fixture, b: Fixture) =>
  b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

async function allPages(
  query: Omit<TransactionListQuery, 'limit'>,
  limit = 7,
  personalData = true,
) {
  const ids: string[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await listTransactions(
      db,
      tenantId,
      { ...query, cursor, limit },
      { personalData },
    );
    expect(page.rows.length).toBeLessThanOrEqual(limit);
    ids.push(...page.rows.map((r) => r.id));
    cursor = page.nextCursor ?? undefined;
    if (++pages > 100) throw new Error('pagination does not end');
  } while (cursor);
  return ids;
}

const expected = (keep: (f: Fixture) => boolean, sort: 'newest' | 'oldest' = 'newest') => {
  const ids = mine
    .filter(keep)
    .sort(byNewest)
    .map((f) => f.id);
  return sort === 'newest' ? ids : ids.reverse();
};

describe('listTransactions: keyset pages', () => {
  it.each(['newest', 'oldest'] as const)(
    'cover the whole set exactly once, %s first, across ties on created_at',
    async (sort) => {
      const ids = await allPages({ sort });
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids).toEqual(expected(() => true, sort));
    },
  );

  it.each(['newest', 'oldest'] as const)(
    'cover a filtered set (status + flow) exactly once, %s first',
    async (sort) => {
      const flowId = flows['orders-paid-to-warehouse'] ?? '';
      const ids = await allPages({ sort, statuses: ['failed', 'completed'], flowId }, 2);
      expect(ids).toEqual(
        expected((f) => f.flowId === flowId && ['failed', 'completed'].includes(f.status), sort),
      );
      expect(ids.length).toBeGreaterThan(2);
    },
  );

  it('answers no next cursor on the last page and an empty page after it', async () => {
    const page = await listTransactions(db, tenantId, { limit: 100 }, { personalData: true });
    expect(page.rows).toHaveLength(60);
    expect(page.nextCursor).toBeNull();
  });
});

describe('listTransactions: filters', () => {
  const warehouseFlow = () => flows['orders-paid-to-warehouse'] ?? '';
  const cases: [string, () => Omit<TransactionListQuery, 'limit'>, (f: Fixture) => boolean][] = [
    ['one status', () => ({ statuses: ['failed'] }), (f) => f.status === 'failed'],
    [
      'several statuses',
      () => ({ statuses: ['failed', 'needs_review'] }),
      (f) => f.status === 'failed' || f.status === 'needs_review',
    ],
    ['a flow', () => ({ flowId: warehouseFlow() }), (f) => f.flowId === warehouseFlow()],
    [
      'a target connection',
      () => ({ connectionId: connections.erp }),
      (f) => f.flowId === flows['orders-paid-to-erp'],
    ],
    ['an error class', () => ({ errorClass: 'auth' }), (f) => f.errorClass === 'auth'],
    [
      'a received window',
      () => ({ from: new Date(BASE + 3 * 60_000), to: new Date(BASE + 6 * 60_000) }),
      (f) =>
        f.createdAt.getTime() >= BASE + 3 * 60_000 && f.createdAt.getTime() <= BASE + 6 * 60_000,
    ],
    [
      'status, flow, class and window together',
      () => ({
        statuses: ['failed'],
        flowId: warehouseFlow(),
        errorClass: 'auth',
        from: new Date(BASE + 3 * 60_000),
        to: new Date(BASE + 16 * 60_000),
      }),
      (f) =>
        f.status === 'failed' &&
        f.flowId === warehouseFlow() &&
        f.errorClass === 'auth' &&
        f.createdAt.getTime() >= BASE + 3 * 60_000 &&
        f.createdAt.getTime() <= BASE + 16 * 60_000,
    ],
    ['an order number with #', () => ({ q: '#1003' }), (f) => f.businessKey === '1003'],
    ['a source object id', () => ({ q: 'acme-src-7' }), (f) => f.sourceObjectId === 'acme-src-7'],
    [
      'a target reference',
      () => ({ q: 'acme-FUL-5' }),
      (f) => f.externalRefs.warehouse === 'acme-FUL-5',
    ],
    [
      'a customer email in any case',
      () => ({ q: 'Buyer10@Example.com' }),
      (f) => f.customerEmail === 'buyer10@example.com',
    ],
    ['a transaction id', () => ({ q: mine[11]?.id ?? '' }), (f) => f.id === mine[11]?.id],
    [
      'a connection and one of its flows',
      () => ({ connectionId: connections.warehouse, flowId: warehouseFlow() }),
      (f) => f.flowId === warehouseFlow(),
    ],
  ];

  it.each(cases)('by %s', async (_label, query, keep) => {
    const want = expected(keep);
    expect(want.length).toBeGreaterThan(0);
    expect(await allPages(query(), 5)).toEqual(want);
  });

  it('finds nothing for a flow outside the chosen connection, or a connection without flows', async () => {
    expect(
      await allPages({ connectionId: connections.erp, flowId: flows['orders-paid-to-warehouse'] }),
    ).toEqual([]);
    expect(await allPages({ connectionId: uuid7() })).toEqual([]);
  });

  it('does not search by email, and masks it, for a role without personal data', async () => {
    expect(await allPages({ q: 'buyer10@example.com' }, 7, false)).toEqual([]);
    const page = await listTransactions(
      db,
      tenantId,
      { q: '1000', limit: 50 },
      { personalData: false },
    );
    const emails = page.rows.map((r) => r.customerEmail).filter(Boolean);
    expect(emails.length).toBeGreaterThan(0);
    for (const email of emails) expect(email).toMatch(/^b\*\*\*@example\.com$/);
    const open = await listTransactions(
      db,
      tenantId,
      { q: '1000', limit: 50 },
      { personalData: true },
    );
    expect(open.rows.map((r) => r.customerEmail)).toContain('buyer0@example.com');
  });

  it('shows flow, target and the target reference of each row', async () => {
    const page = await listTransactions(
      db,
      tenantId,
      { q: 'acme-FUL-5', limit: 5 },
      { personalData: true },
    );
    expect(page.rows).toEqual([
      expect.objectContaining({
        // i = 5 is a CRM row carrying a warehouse reference: the column shows the target's own
        flow: 'Paid orders → CRM customer',
        target: 'CRM',
        externalRef: null,
        businessKey: '1005',
      }),
    ]);
    const warehouse = mine.find(
      (f) => f.externalRefs.warehouse && f.flowId === flows['orders-paid-to-warehouse'],
    );
    if (!warehouse) throw new Error('fixture without a warehouse reference');
    const [row] = (
      await listTransactions(db, tenantId, { q: warehouse.id, limit: 5 }, { personalData: true })
    ).rows;
    expect(row).toMatchObject({
      target: 'Warehouse',
      externalRef: warehouse.externalRefs.warehouse,
    });
  });
});

describe('listTransactions: tenant isolation', () => {
  it('never lists another tenant’s rows, whatever the filter', async () => {
    const all = await allPages({});
    const theirIds = new Set(theirs.map((t) => t.id));
    expect(all.some((id) => theirIds.has(id))).toBe(false);
    expect(await allPages({ q: '1003' })).toEqual(expected((f) => f.businessKey === '1003'));
    expect(await allPages({ q: 'globex-src-4' })).toEqual([]);
    expect(await allPages({ q: 'globex-FUL-5' })).toEqual([]);
    expect(await allPages({ q: theirs[0]?.id ?? '' })).toEqual([]);
  });

  it('finds nothing through another tenant’s flow or connection id', async () => {
    expect(await allPages({ flowId: other.flowIds['orders-paid-to-warehouse'] })).toEqual([]);
    expect(await allPages({ connectionId: other.connectionIds.warehouse })).toEqual([]);
  });

  it('treats a cursor made from another tenant’s row as a position only', async () => {
    const their = theirs[10];
    if (!their) throw new Error('fixture missing');
    const page = await listTransactions(
      db,
      tenantId,
      { cursor: encodeCursor(their), limit: 100 },
      { personalData: true },
    );
    expect(page.rows.map((r) => r.id)).toEqual(expected((f) => byNewest(their, f) < 0));
  });
});

describe('exportTransactionsCsv', () => {
  const read = async (filter: Omit<TransactionFilter, 'cursor' | 'limit'>) => {
    const stream = csvStream(
      exportTransactionsCsv(db, tenantId, filter, { personalData: true, pageSize: 4 }),
    );
    return (await new Response(stream).text()).split('\r\n').filter(Boolean);
  };

  it('streams every row of the filter, in order, after the header', async () => {
    const lines = await read({
      statuses: ['failed'],
      flowId: flows['orders-paid-to-erp'],
      sort: 'oldest',
    });
    const want = expected(
      (f) => f.status === 'failed' && f.flowId === flows['orders-paid-to-erp'],
      'oldest',
    );
    expect(lines[0]).toBe(
      'id,business_key,flow,target,status,error_class,attempts,external_ref,created_at,updated_at',
    );
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(want);
    for (const line of lines.slice(1)) expect(line).toContain(',ERP,failed,');
  });

  it('streams the whole tenant set across many pages and nothing of another tenant', async () => {
    const lines = await read({ statuses: [], sort: 'newest' });
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(expected(() => true));
    expect(lines.join('\n')).not.toContain('@');
  });
});
