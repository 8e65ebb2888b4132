// Cross-tenant probes at the level every route and action delegates to: tenant A's operator hands
// tenant B's ids to each presenter and use case that takes an id, a filter, a cursor or a search
// term. Each must answer exactly what it answers for an id that exists nowhere (same error, same
// shape, no counts), and nothing in tenant B may change. Routes and actions add only the
// permission check and the mapping of these answers to HTTP (e2e/specs/security/cross-tenant.spec.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, tenantDb, uuid7, type Db, type TransactionStatus } from '@/lib/db';
import { isAppError } from '@/lib/errors';
import { setConnectionPaused, setFlowPaused } from '@/lib/engine/pause';
import { replayByIds, replayOne } from '@/lib/engine/replay';
import { cancelReplayBatch, previewReplay } from '@/lib/engine/replay-batch';
import { addNote } from '@/lib/ledger/add-note';
import { cancelTransactions } from '@/lib/ledger/cancel';
import { findReplayProgress } from '@/lib/ledger/error-groups.presenter';
import { getOrderJourney } from '@/lib/ledger/order-journey.presenter';
import { resolveTransactions } from '@/lib/ledger/resolve';
import { countByFilter } from '@/lib/ledger/resolve-by-filter';
import { getTransactionDetail } from '@/lib/ledger/transaction-detail.presenter';
import { listTransactions } from '@/lib/ledger/transaction-list.presenter';
import { listTimeline } from '@/lib/ledger/transaction-timeline.presenter';
import { searchLedger } from '@/lib/search/search.presenter';
import { createTestDatabase } from '@/test/support/database';
import { seedFixtureTenant } from '@/test/support/ledger-fixtures';
import { recordingWaker } from '../support/wakes';

let drop: () => Promise<void>;
let db: Db;
let a: { tenantId: string; flowId: string; userId: string };
let b: {
  tenantId: string;
  flowId: string;
  connectionId: string;
  failed: string;
  review: string;
  batchId: string;
};
let before: string;

/** An id of the right shape that exists in no tenant: the baseline every probe must match. */
const NOWHERE = '00000000-0000-7000-8000-0000000000ff';
const ORDER = '880011';
const EMAIL = 'ceo@globex.test';
const REF = 'GLX-FUL-4242';
const SOURCE = 'glx-src-4242';

// Nothing a probe across tenants does may wake a drain: the waker records every wake-up.
const wakes = recordingWaker();
const operator = () => ({ actor: { id: a.userId, label: 'Probe (tenant A)' }, wake: wakes.wake });

async function insertTransaction(
  tenantId: string,
  flowId: string,
  o: {
    status: TransactionStatus;
    businessKey: string;
    email?: string;
    ref?: string;
    source?: string;
  },
) {
  const flow = await db.flow.findUniqueOrThrow({
    where: { id: flowId },
    select: { sourceConnectionId: true },
  });
  const event = await db.inboundEvent.create({
    data: {
      tenantId,
      connectionId: flow.sourceConnectionId,
      status: 'accepted',
      signatureVerdict: 'valid',
      body: JSON.stringify({ order_number: o.businessKey, email: o.email }),
      sizeBytes: 10,
      providerEventId: uuid7(),
    },
  });
  const id = uuid7();
  await db.transaction.create({
    data: {
      id,
      tenantId,
      flowId,
      inboundEventId: event.id,
      businessKey: o.businessKey,
      sourceObjectId: o.source ?? id,
      idempotencyKey: `k-${id}`,
      status: o.status,
      errorClass: o.status === 'failed' ? 'timeout' : null,
      customerEmail: o.email ?? null,
      externalRefs: o.ref ? { warehouse: o.ref } : {},
    },
  });
  await db.timelineEntry.create({
    data: {
      tenantId,
      transactionId: id,
      kind: 'event',
      type: 'inbound.accepted',
      summary: 'received',
    },
  });
  return id;
}

/** Everything of tenant B a probe could change, as one comparable string. */
async function snapshotOfB(): Promise<string> {
  const t = b.tenantId;
  const [rows] = await db.$queryRaw<{ s: string }[]>`
    SELECT json_build_object(
      'transactions', (SELECT json_agg(json_build_object('id', id, 'status', status,
                         'attempts', attempts, 'updated', updated_at) ORDER BY id)
                       FROM transactions WHERE tenant_id = ${t}::uuid),
      'timeline', (SELECT count(*) FROM timeline_entries WHERE tenant_id = ${t}::uuid),
      'outbox', (SELECT count(*) FROM outbox WHERE tenant_id = ${t}::uuid),
      'audit', (SELECT count(*) FROM audit_entries WHERE tenant_id = ${t}::uuid),
      'connections', (SELECT json_agg(json_build_object('id', id, 'status', status) ORDER BY id)
                      FROM connections WHERE tenant_id = ${t}::uuid),
      'flows', (SELECT json_agg(json_build_object('id', id, 'status', status) ORDER BY id)
                FROM flows WHERE tenant_id = ${t}::uuid),
      'batches', (SELECT json_agg(json_build_object('id', id, 'status', status) ORDER BY id)
                  FROM replay_batches WHERE tenant_id = ${t}::uuid)
    )::text AS s`;
  return rows?.s ?? '';
}

/** What a call answered, thrown or returned, with the probed id replaced so the two can compare. */
async function outcome(call: (id: string) => Promise<unknown>, id: string): Promise<string> {
  let answer: unknown;
  try {
    answer = { returned: await call(id) };
  } catch (error) {
    answer = isAppError(error)
      ? { threw: error.code, message: error.message }
      : { threw: 'UNEXPECTED', message: String(error) };
  }
  return JSON.stringify(answer).replaceAll(id, '<id>');
}

/** The probe with B's id answers exactly what it answers for an id that exists nowhere. */
async function expectSameAsNowhere(call: (id: string) => Promise<unknown>, foreignId: string) {
  const foreign = await outcome(call, foreignId);
  expect(foreign).toBe(await outcome(call, NOWHERE));
  expect(foreign).not.toContain('UNEXPECTED');
  return foreign;
}

beforeAll(async () => {
  const database = await createTestDatabase();
  drop = database.drop;
  db = createDb({ connectionString: database.url, poolSize: 4 });
  const acme = await seedFixtureTenant(db, 'acme');
  const globex = await seedFixtureTenant(db, 'globex');
  const admin = await db.user.findUniqueOrThrow({ where: { email: 'admin@acme.test' } });
  a = { tenantId: acme.tenantId, flowId: acme.flowId, userId: admin.id };
  await insertTransaction(a.tenantId, a.flowId, { status: 'failed', businessKey: '100' });
  await insertTransaction(a.tenantId, a.flowId, { status: 'completed', businessKey: '101' });
  const flow = await db.flow.findUniqueOrThrow({ where: { id: globex.flowId } });
  const failed = await insertTransaction(globex.tenantId, globex.flowId, {
    status: 'failed',
    businessKey: ORDER,
    email: EMAIL,
    ref: REF,
    source: SOURCE,
  });
  const review = await insertTransaction(globex.tenantId, globex.flowId, {
    status: 'needs_review',
    businessKey: ORDER,
  });
  const batch = await db.replayBatch.create({
    data: {
      tenantId: globex.tenantId,
      requestedById: 'someone',
      requestedBy: 'Someone at Globex',
      reason: 'their own replay',
      filter: { flowId: globex.flowId },
      total: 2,
    },
  });
  b = {
    tenantId: globex.tenantId,
    flowId: globex.flowId,
    connectionId: flow.targetConnectionId,
    failed,
    review,
    batchId: batch.id,
  };
  before = await snapshotOfB();
});

afterAll(async () => {
  await db?.$disconnect();
  await drop?.();
});

describe("tenant B's ids in paths answer as if they did not exist", () => {
  const scoped = () => tenantDb(db, a.tenantId);

  it('transaction detail: NOT_FOUND', async () => {
    const answer = await expectSameAsNowhere(
      (id) => getTransactionDetail(scoped(), id, { maskPersonalData: false }),
      b.failed,
    );
    expect(answer).toContain('"threw":"NOT_FOUND"');
  });

  it('timeline: NOT_FOUND', async () => {
    const answer = await expectSameAsNowhere(
      (id) => listTimeline(scoped(), id, { limit: 50, maskPersonalData: false }),
      b.failed,
    );
    expect(answer).toContain('"threw":"NOT_FOUND"');
  });

  it('order journey by their order number: NOT_FOUND, like an order nobody has', async () => {
    const journey = (key: string) =>
      outcome((k) => getOrderJourney(db, a.tenantId, k, { maskPersonalData: false }), key);
    const theirs = await journey(ORDER);
    expect(theirs).toContain('"threw":"NOT_FOUND"');
    expect(theirs).toBe(await journey('999999999'));
  });

  it('replay one: not_found', async () => {
    const answer = await expectSameAsNowhere(
      (id) => replayOne(db, a.tenantId, id, { ...operator(), reason: 'probe across tenants' }),
      b.failed,
    );
    expect(answer).toContain('not_found');
    expect(wakes.woken()).toEqual([]);
  });

  it('bulk replay, resolve and cancel: every id reported not found, none applied or skipped', async () => {
    const bulk = {
      replay: (ids: string[]) =>
        replayByIds(db, a.tenantId, ids, { ...operator(), reason: 'probe across tenants' }),
      resolve: (ids: string[]) =>
        resolveTransactions(db, a.tenantId, ids, { ...operator(), note: 'probe across tenants' }),
      cancel: (ids: string[]) =>
        cancelTransactions(db, a.tenantId, ids, { ...operator(), note: 'probe across tenants' }),
    };
    for (const [name, run] of Object.entries(bulk)) {
      const theirs = await run([b.failed, b.review]);
      expect(theirs.applied, name).toEqual([]);
      // "skipped" would say the row exists and what status it has: it must not be reported.
      expect(theirs.skipped, name).toEqual([]);
      expect([...theirs.notFound].sort(), name).toEqual([b.failed, b.review].sort());
      expect(theirs.connectionIds, name).toEqual([]);
      await expectSameAsNowhere((id) => run([id]), b.failed);
    }
  });

  it('single resolve and cancel: not found', async () => {
    await expectSameAsNowhere(
      (id) => resolveTransactions(db, a.tenantId, [id], { ...operator(), note: 'probe' }),
      b.review,
    );
    await expectSameAsNowhere(
      (id) => cancelTransactions(db, a.tenantId, [id], { ...operator(), note: 'probe' }),
      b.review,
    );
  });

  it('note: not_found', async () => {
    const answer = await expectSameAsNowhere(
      (id) => addNote(scoped(), a.tenantId, id, { ...operator(), note: 'probe across tenants' }),
      b.failed,
    );
    expect(answer).toContain('not_found');
  });

  it('replay batch: cancel and progress answer as for no batch', async () => {
    await expectSameAsNowhere(
      (id) => cancelReplayBatch(db, a.tenantId, id, { ...operator(), reason: 'probe' }),
      b.batchId,
    );
    const progress = await expectSameAsNowhere(
      (id) => findReplayProgress(db, a.tenantId, id),
      b.batchId,
    );
    expect(progress).toBe('{"returned":null}');
  });

  it('pause and resume of their connection and flow: not found', async () => {
    for (const paused of [true, false]) {
      const c = await expectSameAsNowhere(
        (id) =>
          setConnectionPaused(db, a.tenantId, id, paused, { ...operator(), settleTimeoutMs: 200 }),
        b.connectionId,
      );
      expect(c).toContain('"found":false');
      const f = await expectSameAsNowhere(
        (id) => setFlowPaused(db, a.tenantId, id, paused, { ...operator(), settleTimeoutMs: 200 }),
        b.flowId,
      );
      expect(f).toContain('"found":false');
    }
    expect(wakes.woken()).toEqual([]);
  });
});

describe("tenant B's ids in filters, cursors and searches find nothing", () => {
  const list = (q: Parameters<typeof listTransactions>[2]) =>
    listTransactions(db, a.tenantId, q, { personalData: true });
  const base = { limit: 50, statuses: [], sort: 'newest' as const };
  const EMPTY = { rows: [], nextCursor: null };

  it('transaction list filtered by their flow or their connection: empty, like an unknown one', async () => {
    expect(await list({ ...base, flowId: b.flowId })).toEqual(EMPTY);
    expect(await list({ ...base, connectionId: b.connectionId })).toEqual(EMPTY);
    expect(await list({ ...base, flowId: NOWHERE })).toEqual(EMPTY);
  });

  it('transaction list searched by their order number, reference, email or source id: empty', async () => {
    for (const q of [ORDER, REF, EMAIL, SOURCE, b.failed])
      expect(await list({ ...base, q }), q).toEqual(EMPTY);
  });

  it('a keyset cursor taken from their list pages through our rows only', async () => {
    const theirPage = await listTransactions(
      db,
      b.tenantId,
      { ...base, limit: 1 },
      { personalData: true },
    );
    expect(theirPage.nextCursor).not.toBeNull();
    const ours = await list({ ...base, cursor: theirPage.nextCursor ?? undefined });
    const ourIds = await db.transaction.findMany({
      where: { tenantId: a.tenantId },
      select: { id: true },
    });
    const allowed = new Set(ourIds.map((r) => r.id));
    for (const row of ours.rows) expect(allowed.has(row.id), row.id).toBe(true);
    expect(JSON.stringify(ours)).not.toContain(ORDER);
  });

  it('search by their order number, reference, email, source id or transaction id: no hits', async () => {
    for (const q of [ORDER, REF, EMAIL, SOURCE, b.failed]) {
      const result = await searchLedger(db, a.tenantId, q, { canReadPersonalData: true });
      expect(result.hits, q).toEqual([]);
    }
  });

  it('replay preview and group counts with their flow: 0, like an unknown flow', async () => {
    const statuses = ['failed', 'needs_review'] as ('failed' | 'needs_review')[];
    expect(await previewReplay(db, a.tenantId, { flowId: b.flowId, statuses })).toBe(0);
    expect(await previewReplay(db, a.tenantId, { connectionId: b.connectionId, statuses })).toBe(0);
    expect(
      await countByFilter(db, a.tenantId, { flowId: b.flowId, errorClass: 'timeout', statuses }),
    ).toBe(0);
  });
});

describe('after every probe', () => {
  it('nothing of tenant B changed: transactions, timelines, outbox, audit, pauses, batches', async () => {
    expect(await snapshotOfB()).toBe(before);
  });

  it('the probes really ran against live rows (B still has what A could not touch)', async () => {
    const rows = await db.transaction.findMany({
      where: { tenantId: b.tenantId },
      select: { status: true },
    });
    expect(rows.map((r) => r.status).sort()).toEqual(['failed', 'needs_review']);
    const batch = await db.replayBatch.findUniqueOrThrow({ where: { id: b.batchId } });
    expect(batch.status).toBe('running');
  });
});
