// Reconciliation below the web app: real PostgreSQL and the commerce, warehouse and ERP simulators
// over HTTP. Webhooks are off while orders are paid; a run finds them, a backfill ingests them and
// dispatch delivers each exactly once; drift injected at the ERP is reported with field, values
// and owner, and accepting it records who and why.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '@/lib/db';
import { drainConnection, type DrainDeps } from '@/lib/engine/drain';
import { createLogger } from '@/lib/observability/logger';
import { startCommerceSimulator } from '@/simulators/commerce/server';
import { startErpSimulator } from '@/simulators/erp/server';
import type { RunningSim } from '@/simulators/shared-http';
import { startWarehouseSimulator } from '@/simulators/warehouse/server';
import { createTestDatabase } from '@/test/support/database';
import { FIXTURE_KEY_RING, seedFixtureTenant } from '@/test/support/ledger-fixtures';
import { adminJson, createOrders, erpEffects, warehouseEffects } from '@/test/support/sims';
import { acceptDrift } from './accept-drift';
import { backfillDrift } from './backfill-drift';
import { cancelReconciliationRun } from './cancel-run';
import { decideDrift } from './decide-drift';
import { previewDriftDecision } from './drift-selection';
import { getReconciliationRun, listReconciliationRuns } from './runs.presenter';
import { runReconciliationChunk } from './run-chunk';
import { startReconciliationRun } from './start-run';
import { readTotals } from './totals';
import { recordingWaker } from '@/test/support/wakes';

const FINANCE = { id: '00000000-0000-7000-8000-000000000001', label: 'Fiona Finance' };
const wakes = recordingWaker();
let sims: RunningSim[] = [];
let commerce: RunningSim;
let warehouse: RunningSim;
let erp: RunningSim;
let db: Db;
let drop: () => Promise<void>;
let tenantId: string;
let flowIds: Record<string, string>;
let connectionIds: Record<string, string>;
const windowFrom = new Date(Date.now() - 60_000);

beforeAll(async () => {
  commerce = await startCommerceSimulator({
    port: 0,
    webhookUrl: 'http://127.0.0.1:9/nowhere',
    webhookSecret: 'secret-secret',
    seed: 6,
  });
  warehouse = await startWarehouseSimulator({ port: 0, apiToken: 'wh-token', workflowStepMs: 0 });
  erp = await startErpSimulator({ port: 0, apiKey: 'erp-key' });
  sims = [commerce, warehouse, erp];
  const database = await createTestDatabase();
  db = createDb({ connectionString: database.url, poolSize: 6 });
  drop = async () => {
    await db.$disconnect();
    await database.drop();
  };
  const seeded = await seedFixtureTenant(db, 'acme', {
    commerceUrl: commerce.url,
    warehouseUrl: warehouse.url,
    warehouseApiToken: 'wh-token',
    erp: { url: erp.url, credentials: { apiKey: 'erp-key' } },
  });
  tenantId = seeded.tenantId;
  flowIds = seeded.flowIds;
  connectionIds = seeded.connectionIds;
}, 60_000);

afterAll(async () => {
  await Promise.all(sims.map((s) => s.close()));
  await drop?.();
});

// Chunks of two pages: 47 orders take two chunks, so resuming after a committed chunk is exercised.
const chunkDeps = () => ({
  db,
  keyRing: FIXTURE_KEY_RING,
  providerTimeoutMs: 3000,
  pageSize: 20,
  chunkRecords: 40,
});

/** Starts a run and works it to the end with `workers` loops at once (a retried or doubled job). */
async function forceRun(flowKey: string, workers = 1): Promise<string> {
  const { runId } = await startReconciliationRun(db, tenantId, {
    flowId: flowIds[flowKey] ?? '',
    windowFrom,
    windowTo: new Date(Date.now() + 60_000),
    trigger: 'api',
    actor: FINANCE,
  });
  const loop = async () => {
    for (let i = 0; i < 100; i += 1) {
      if ((await runReconciliationChunk(chunkDeps(), tenantId, runId)).done) return;
    }
    throw new Error('run did not finish in 100 chunks');
  };
  await Promise.all(Array.from({ length: workers }, loop));
  return runId;
}

async function drainAll(connectionKey: string): Promise<void> {
  const deps: DrainDeps = {
    db,
    keyRing: FIXTURE_KEY_RING,
    providerTimeoutMs: 3000,
    leaseMs: 5000,
    batchSize: 50,
    budgetMs: 20_000,
    lanes: 3,
    log: createLogger('silent', 'test'),
  };
  await drainConnection(deps, { tenantId, connectionId: connectionIds[connectionKey] ?? '' });
}

const run = (id: string) => db.reconciliationRun.findUniqueOrThrow({ where: { id } });
const items = (runId: string) =>
  db.driftItem.findMany({ where: { runId }, orderBy: { businessKey: 'asc' } });

describe('reconciliation against the simulators', () => {
  let missingRun: string;

  it('reports exactly the 47 orders paid while webhooks were off as missing_in_ledger', async () => {
    await adminJson(commerce.url, 'chaos', { webhookOutage: true });
    const orders = await createOrders(commerce.url, 47);
    // The storefront refuses every call for a moment (429 with Retry-After): the listing waits it
    // out. Two workers run the same chunks: each chunk's items are written once.
    await adminJson(commerce.url, 'chaos', {
      rateLimitBurst: { forMs: 1500, retryAfterSeconds: 1 },
    });
    missingRun = await forceRun('orders-paid-to-warehouse', 2);
    const requests = await adminJson<{ route: string; status: number; count: number }[]>(
      commerce.url,
      'requests',
    );
    const listing = (status: number) =>
      requests.find((r) => r.route === 'GET orders.json' && r.status === status)?.count ?? 0;
    expect(listing(429)).toBeGreaterThan(0);
    expect(listing(200)).toBeGreaterThanOrEqual(3); // 47 orders in pages of 20
    const r = await run(missingRun);
    expect(r.status).toBe('completed');
    expect(r.listed).toBe(47);
    expect(r.drifted).toBe(47);
    const found = await items(missingRun);
    expect(found.every((i) => i.kind === 'missing_in_ledger' && i.state === 'open')).toBe(true);
    expect(new Set(found.map((i) => i.providerRef))).toEqual(
      new Set(orders.map((o) => String(o.id))),
    );
    expect(r.totals).toMatchObject({ commerce: { count: 47, matched: 0, unmatched: 47 } });
    expect(await db.transaction.count()).toBe(0);
  }, 60_000);

  it('backfills all 47: each completes with exactly one fulfilment, and twice creates nothing', async () => {
    const selection = { runId: missingRun, kind: 'missing_in_ledger' as const };
    expect(await previewDriftDecision(db, tenantId, selection, ['missing_in_ledger'])).toBe(47);
    const first = await backfillDrift(db, tenantId, {
      selection,
      actor: FINANCE,
      wake: wakes.wake,
    });
    expect(first).toMatchObject({ backfilled: 47, skipped: 0 });
    // the backfill wakes the drains of the connections it gave work to, after its commits
    expect(first.connectionIds.length).toBeGreaterThan(0);
    expect(wakes.woken().sort()).toEqual([...first.connectionIds].sort());
    await drainAll('warehouse');
    const flowTxns = await db.transaction.findMany({
      where: { flowId: flowIds['orders-paid-to-warehouse'] },
      select: { status: true, id: true },
    });
    expect(flowTxns).toHaveLength(47);
    expect(flowTxns.every((t) => t.status === 'completed')).toBe(true);
    const created = (await warehouseEffects(warehouse.url)).filter(
      (e) => e.kind === 'fulfilment.created',
    );
    expect(created).toHaveLength(47);
    expect(new Set(created.map((e) => e.reference)).size).toBe(47);

    // Nothing is open any more; a second run of another id for the same orders changes nothing.
    expect(
      await backfillDrift(db, tenantId, { selection, actor: FINANCE, wake: wakes.wake }),
    ).toMatchObject({
      backfilled: 0,
    });
    // Source and target agree now: 47 orders have their transaction, 47 fulfilments agree with
    // the commands sent (reference, lines, ship-to) and their status translates to completed.
    const again = await forceRun('orders-paid-to-warehouse');
    expect(await run(again)).toMatchObject({ status: 'completed', drifted: 0, matched: 94 });
    await drainAll('warehouse');
    expect(
      await db.transaction.count({ where: { flowId: flowIds['orders-paid-to-warehouse'] } }),
    ).toBe(47);
    expect(
      (await warehouseEffects(warehouse.url)).filter((e) => e.kind === 'fulfilment.created'),
    ).toHaveLength(47);

    const timeline = await db.timelineEntry.count({ where: { type: 'drift.backfilled' } });
    expect(timeline).toBe(47);
    const audited = await db.auditEntry.count({ where: { action: 'drift.backfilled' } });
    expect(audited).toBe(47);
  }, 120_000);

  it('reports a status and an amount changed at the ERP with field, values and owner', async () => {
    await drainAll('erp');
    const orders = (await erpEffects(erp.url)).filter((e) => e.kind === 'sales_order.created');
    expect(orders).toHaveLength(47);
    const [cancelled, repriced] = orders;
    if (!cancelled || !repriced) throw new Error('no sales orders');
    await adminJson(erp.url, `records/${cancelled.id}`, { status: 'CANCELLED' });
    await adminJson(erp.url, `records/${repriced.id}`, { total: '9999.99' });
    const runId = await forceRun('orders-paid-to-erp');
    const r = await run(runId);
    expect(r.status).toBe('completed');
    expect(r.matched).toBe(47 + 45); // every order is in the ledger; 45 sales orders agree
    const found = await items(runId);
    expect(found).toHaveLength(2);
    const status = found.find((i) => i.kind === 'status_mismatch');
    expect(status).toMatchObject({
      providerRef: cancelled.id,
      businessKey: cancelled.external_ref,
      field: 'status',
      ledgerValue: 'completed',
      providerValue: 'CANCELLED',
      owner: 'erp',
    });
    const amount = found.find((i) => i.kind === 'field_mismatch');
    expect(amount).toMatchObject({
      providerRef: repriced.id,
      field: 'total',
      providerValue: '9999.99',
      owner: 'commerce',
      amountMinor: 999_999n,
    });
    expect(amount?.ledgerValue).toMatch(/^\d+\.\d{2}$/);
    expect(amount?.ledgerValue).not.toBe('9999.99');
    // both values on the row, and why it differs
    const ledgerMinor = Math.round(Number(amount?.ledgerValue) * 100);
    expect(amount).toMatchObject({ cause: 'amount_differs', ledgerCurrency: 'EUR' });
    expect(Number(amount?.ledgerAmountMinor)).toBe(ledgerMinor);
    expect(status).toMatchObject({ cause: 'status_differs' });

    // Finance totals per system and currency: the ERP's differ by exactly the repriced order;
    // the storefront's records are all in the ledger, so its difference is zero.
    const totals = readTotals(r.totals);
    const erpEur = totals.erp?.money?.EUR;
    expect(erpEur).toMatchObject({ ledgerRecords: 47, providerRecords: 47 });
    expect((erpEur?.ledgerMinor ?? 0) - (erpEur?.providerMinor ?? 0)).toBe(ledgerMinor - 999_999);
    expect(totals.erp).toMatchObject({ side: 'target', matched: 45, unmatched: 2, items: 2 });
    const shopEur = totals.commerce?.money?.EUR;
    expect(shopEur?.ledgerMinor).toBe(shopEur?.providerMinor);
    expect(shopEur?.providerRecords).toBe(47);

    // The run page's summary: counts that add up, the sentence, and one pattern per cause.
    const { summary } = await getReconciliationRun(db, tenantId, runId, { limit: 10 });
    expect(summary.counts).toMatchObject({ compared: 94, matched: 92, drifted: 2, items: 2 });
    expect(summary.countsText).toMatch(/^94 records compared \(.+\): 92 matched \+ 2 with drift\./);
    expect(summary.money.find((m) => m.system === 'erp')?.differenceMinor).toBe(
      ledgerMinor - 999_999,
    );
    expect(summary.patterns.map((p) => [p.title, p.items, p.open])).toEqual(
      expect.arrayContaining([
        ['Field mismatch on total: amount differs', 1, 1],
        ['Status mismatch on status: status differs', 1, 1],
      ]),
    );
    // a pattern's bulk selection matches exactly its items
    expect(
      await previewDriftDecision(
        db,
        tenantId,
        { runId, kind: 'field_mismatch', pattern: { field: 'total', cause: 'amount_differs' } },
        ['field_mismatch'],
      ),
    ).toBe(1);
    expect(
      await previewDriftDecision(
        db,
        tenantId,
        { runId, kind: 'field_mismatch', pattern: { field: 'lines', cause: 'amount_differs' } },
        ['field_mismatch'],
      ),
    ).toBe(0);

    // Accepting one with a note records who and why, on the item, its timeline and the audit log.
    const note = 'price corrected by hand at the ERP after a phone call';
    expect(
      await acceptDrift(db, tenantId, {
        selection: { itemId: amount?.id ?? '' },
        note,
        actor: FINANCE,
      }),
    ).toEqual({ accepted: 1 });
    const decided = await db.driftItem.findUniqueOrThrow({ where: { id: amount?.id ?? '' } });
    expect(decided).toMatchObject({ state: 'accepted', decidedBy: 'Fiona Finance', note });
    const entry = await db.auditEntry.findFirstOrThrow({ where: { action: 'drift.accepted' } });
    expect(entry).toMatchObject({ objectId: amount?.id, reason: note });
    expect(
      await db.timelineEntry.count({
        where: { type: 'drift.accepted', transactionId: amount?.transactionId ?? '' },
      }),
    ).toBe(1);
    // a decided item is not decided again
    expect(
      await acceptDrift(db, tenantId, {
        selection: { itemId: amount?.id ?? '' },
        note,
        actor: FINANCE,
      }),
    ).toEqual({ accepted: 0 });
  }, 120_000);

  it('reads runs and filtered items for this tenant only; decisions preview and need a note', async () => {
    const { runs } = await listReconciliationRuns(db, tenantId, { limit: 10 });
    expect(runs.length).toBeGreaterThanOrEqual(3);
    const erpRun = runs.find((r) => r.flow?.key === 'orders-paid-to-erp');
    if (!erpRun) throw new Error('no ERP run');
    expect(erpRun.totals).toMatchObject({ erp: { count: 47, matched: 45, unmatched: 2 } });
    const open = await getReconciliationRun(db, tenantId, erpRun.id, { state: 'open', limit: 100 });
    expect(open.items.map((i) => i.kind)).toEqual(['status_mismatch']);
    // its transaction is completed (final): shown as such, and a replay would move nothing
    const [statusItem] = open.items;
    expect(statusItem?.transactionStatus).toBe('completed');
    expect(
      await decideDrift(db, tenantId, {
        decision: { action: 'replay', selection: { itemId: statusItem?.id ?? '' }, preview: true },
        actor: FINANCE,
        wake: wakes.wake,
      }),
    ).toEqual({ kind: 'preview', matches: 0 });
    expect(
      await decideDrift(db, tenantId, {
        decision: { action: 'accept', selection: { itemId: statusItem?.id ?? '' }, preview: true },
        actor: FINANCE,
        wake: wakes.wake,
      }),
    ).toEqual({ kind: 'preview', matches: 1 });
    const page = await getReconciliationRun(db, tenantId, missingRunOf(runs), { limit: 20 });
    expect(page.items).toHaveLength(20);
    const next = await getReconciliationRun(db, tenantId, missingRunOf(runs), {
      limit: 20,
      ...(page.nextCursor && { cursor: page.nextCursor }),
    });
    expect((next.items[0]?.id ?? '') > (page.items.at(-1)?.id ?? '')).toBe(true);

    const other = await seedFixtureTenant(db, 'globex');
    await expect(
      getReconciliationRun(db, other.tenantId, erpRun.id, { limit: 10 }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const selection = { runId: erpRun.id, kind: 'status_mismatch' as const };
    expect(
      await decideDrift(db, other.tenantId, {
        decision: { action: 'accept', selection, preview: true },
        actor: FINANCE,
        wake: wakes.wake,
      }),
    ).toEqual({ kind: 'preview', matches: 0 });
    expect(
      await decideDrift(db, tenantId, {
        decision: { action: 'accept', selection, preview: true },
        actor: FINANCE,
        wake: wakes.wake,
      }),
    ).toEqual({ kind: 'preview', matches: 1 });
    await expect(
      decideDrift(db, tenantId, {
        decision: { action: 'accept', selection, preview: false },
        actor: FINANCE,
        wake: wakes.wake,
      }),
    ).rejects.toThrow(/say why/);
    expect(await db.driftItem.count({ where: { runId: erpRun.id, state: 'open' } })).toBe(1);
  }, 60_000);

  it('replays drift only from a replayable status, and the ERP gets no second sales order', async () => {
    const item = await db.driftItem.findFirstOrThrow({
      where: { kind: 'status_mismatch', state: 'open' },
    });
    const selection = { itemId: item.id };
    const reason = 'the ERP cancelled it by mistake; send it again';
    const refused = await decideDrift(db, tenantId, {
      decision: { action: 'replay', selection, preview: false, reason },
      actor: FINANCE,
      wake: wakes.wake,
    });
    expect(refused).toMatchObject({
      kind: 'replayed',
      replayed: 0,
      skipped: [{ itemId: item.id, status: 'completed' }],
    });
    // A person had moved it to review (fixture: the state a failed re-check would leave).
    await db.transaction.update({
      where: { id: item.transactionId ?? '' },
      data: { status: 'needs_review' },
    });
    const replayed = await decideDrift(db, tenantId, {
      decision: { action: 'replay', selection, preview: false, reason },
      actor: FINANCE,
      wake: wakes.wake,
    });
    expect(replayed).toMatchObject({ kind: 'replayed', replayed: 1, skipped: [] });
    expect(await db.driftItem.findUniqueOrThrow({ where: { id: item.id } })).toMatchObject({
      state: 'replayed',
      decidedBy: 'Fiona Finance',
      note: reason,
    });
    expect(
      await db.auditEntry.count({ where: { action: 'drift.replayed', objectId: item.id, reason } }),
    ).toBe(1);
    await drainAll('erp');
    const orders = (await erpEffects(erp.url)).filter((e) => e.kind === 'sales_order.created');
    expect(orders).toHaveLength(47);
    const txn = await db.transaction.findUniqueOrThrow({ where: { id: item.transactionId ?? '' } });
    expect(txn.status).not.toBe('received');
  }, 60_000);

  it('fails a run on a provider answer retrying cannot fix, and stops a cancelled one', async () => {
    await adminJson(erp.url, 'chaos', { authExpired: true });
    const failed = await run(await forceRun('orders-paid-to-erp'));
    await adminJson(erp.url, 'chaos', { authExpired: false });
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatch(/^auth: /);

    const { runId } = await startReconciliationRun(db, tenantId, {
      flowId: flowIds['orders-paid-to-warehouse'] ?? '',
      windowFrom,
      windowTo: new Date(Date.now() + 60_000),
      trigger: 'console',
      actor: FINANCE,
    });
    expect(await cancelReconciliationRun(db, tenantId, runId, { actor: FINANCE })).toBe(
      'cancelled',
    );
    expect(await runReconciliationChunk(chunkDeps(), tenantId, runId)).toEqual({ done: true });
    expect(await run(runId)).toMatchObject({ status: 'cancelled', listed: 0, drifted: 0 });
    expect(await cancelReconciliationRun(db, tenantId, runId, { actor: FINANCE })).toBe('finished');
    expect(
      await db.auditEntry.count({
        where: { action: 'reconciliation.run_cancelled', objectId: runId },
      }),
    ).toBe(1);
  }, 60_000);
});

function missingRunOf(runs: { id: string; drifted: number }[]): string {
  const run = runs.find((r) => r.drifted === 47);
  if (!run) throw new Error('no run with 47 items');
  return run.id;
}
