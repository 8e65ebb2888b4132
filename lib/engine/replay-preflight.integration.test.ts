// The replay pre-flight against real PostgreSQL and the ERP simulator over HTTP: 47 failed ERP
// transactions, 7 of whose sales orders the ERP already holds (created there before the replay,
// as a timeout after success leaves them). The pre-flight says 7 and 40, at the connection's rate
// limit; the replay started with it links the 7 and sends the 40, and the ERP's side-effect log
// then holds each order once. Cancel, the look-up cap and another tenant's view besides.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, tenantDb, uuid7, type Db, type Prisma } from '@/lib/db';
import { drainConnection } from '@/lib/engine/drain';
import { evaluateMapping } from '@/lib/mapping/evaluate';
import { createLogger } from '@/lib/observability/logger';
import { adapterFor } from '@/lib/providers/registry';
import { startCommerceSimulator } from '@/simulators/commerce/server';
import { startErpSimulator } from '@/simulators/erp/server';
import type { RunningSim } from '@/simulators/shared-http';
import { createTestDatabase } from '@/test/support/database';
import { FIXTURE_KEY_RING, seedFixtureTenant } from '@/test/support/ledger-fixtures';
import { createOrders, erpEffects } from '@/test/support/sims';
import { recordingWaker } from '@/test/support/wakes';
import { runReplayChunk, startReplayBatch, type ReplayFilter } from './replay-batch';
import {
  cancelReplayPreflight,
  findReplayPreflight,
  startReplayPreflight,
} from './replay-preflight';
import { runPreflightChunk, type PreflightDeps } from './replay-preflight-chunk';

const ERP_KEY = 'erp-preflight-key';
const SUPPORT = { id: '00000000-0000-7000-8000-0000000000aa', label: 'Sam Support' };
const RATE = 20;
let commerce: RunningSim;
let erp: RunningSim;
let db: Db;
let drop: () => Promise<void>;
let tenantId: string;
let otherTenantId: string;
let erpConnectionId: string;
let filter: ReplayFilter;
/** transaction id -> the ERP's id of the sales order created there before the replay */
const alreadyThere = new Map<string, string>();
const transactionIds: string[] = [];

const deps = (): PreflightDeps => ({
  db,
  keyRing: FIXTURE_KEY_RING,
  providerTimeoutMs: 3000,
  concurrency: 8,
  chunkSize: 20,
});

async function runToEnd(preflightId: string, d: PreflightDeps = deps()): Promise<number> {
  for (let chunks = 1; chunks <= 100; chunks += 1)
    if ((await runPreflightChunk(d, tenantId, preflightId)).done) return chunks;
  throw new Error('pre-flight did not finish in 100 chunks');
}

beforeAll(async () => {
  commerce = await startCommerceSimulator({
    port: 0,
    webhookUrl: 'http://127.0.0.1:9/nowhere',
    webhookSecret: 'secret-secret',
  });
  erp = await startErpSimulator({ port: 0, apiKey: ERP_KEY });
  const database = await createTestDatabase();
  db = createDb({ connectionString: database.url, poolSize: 6 });
  drop = async () => {
    await db.$disconnect();
    await database.drop();
  };
  const seeded = await seedFixtureTenant(db, 'acme', {
    commerceUrl: commerce.url,
    erp: { url: erp.url, credentials: { apiKey: ERP_KEY }, rateLimitPerSecond: RATE },
  });
  tenantId = seeded.tenantId;
  otherTenantId = (await seedFixtureTenant(db, 'globex')).tenantId;
  erpConnectionId = seeded.connectionIds.erp ?? '';
  const flowId = seeded.flowIds['orders-paid-to-erp'] ?? '';
  filter = { flowId, statuses: ['failed', 'needs_review'] };
  const flow = await db.flow.findUniqueOrThrow({
    where: { id: flowId },
    select: { activeMappingVersion: { select: { id: true, expression: true } } },
  });
  const mapping = flow.activeMappingVersion;
  if (!mapping) throw new Error('the ERP flow has no mapping');
  const createSalesOrder = adapterFor({ provider: 'erp', settings: {} }).operations
    .create_sales_order;
  if (!createSalesOrder) throw new Error('the ERP adapter has no create_sales_order');

  // 47 paid orders whose ERP sales order failed (the ERP was down); the command each sent is on
  // its timeline, made by the flow's real mapping from the order as the storefront has it.
  const scoped = tenantDb(db, tenantId);
  const orders = await createOrders(commerce.url, 47);
  for (const [i, created] of orders.entries()) {
    const res = await fetch(`${commerce.url}/admin/api/2025-01/orders/${created.id}.json`);
    const order = ((await res.json()) as { order: { id: number; order_number: number } }).order;
    const mapped = await evaluateMapping(mapping, order, createSalesOrder.input);
    if (!mapped.ok) throw new Error(mapped.message);
    const command = mapped.command as Record<string, unknown>;
    const event = await scoped.inboundEvent.create({
      data: {
        tenantId,
        connectionId: seeded.commerceConnectionId,
        status: 'accepted',
        signatureVerdict: 'valid',
        topic: 'orders/paid',
        body: JSON.stringify(order),
        sizeBytes: 1,
        providerEventId: uuid7(),
      },
    });
    const id = uuid7();
    transactionIds.push(id);
    await scoped.transaction.create({
      data: {
        id,
        tenantId,
        flowId,
        inboundEventId: event.id,
        mappingVersionId: mapping.id,
        businessKey: String(order.order_number),
        sourceObjectId: String(order.id),
        idempotencyKey: `k-${id}`,
        status: 'failed',
        errorClass: 'provider_outage',
        lastError: 'ERP answered 503',
        attempts: 1,
      },
    });
    await scoped.timelineEntry.create({
      data: {
        tenantId,
        transactionId: id,
        kind: 'command',
        type: 'command.sent',
        summary: 'create_sales_order sent to erp (attempt 1)',
        actor: 'worker',
        data: {
          operation: 'create_sales_order',
          attempt: 1,
          request: command as Prisma.InputJsonObject,
        },
      },
    });
    // Every 6th order, 7 in all, reached the ERP although the answer never came back.
    if (i % 6 === 0 && alreadyThere.size < 7) {
      const made = await fetch(`${erp.url}/api/v1/sales-orders`, {
        method: 'POST',
        headers: { authorization: `Bearer ${ERP_KEY}`, 'content-type': 'application/json' },
        // the very body the adapter sends for this command
        body: JSON.stringify(
          (
            await createSalesOrder.describeRequest?.({ baseUrl: erp.url }, command, {
              idempotencyKey: `k-${id}`,
            })
          )?.body,
        ),
      });
      expect(made.status).toBe(201);
      alreadyThere.set(id, ((await made.json()) as { id: string }).id);
    }
  }
  expect(alreadyThere.size).toBe(7);
}, 120_000);

afterAll(async () => {
  await commerce?.close();
  await erp?.close();
  await drop?.();
});

describe('replay pre-flight', () => {
  let preflightId: string;

  it('says 7 already at the ERP and 40 to send, asking at the connection’s rate limit', async () => {
    const started = await startReplayPreflight(db, tenantId, { filter, actor: SUPPORT });
    preflightId = started.preflightId;
    expect(started.selected).toBe(47);
    const before = Date.now();
    // three chunks of 20: each commits its counts and cursor, the next resumes after it
    expect(await runToEnd(preflightId)).toBe(3);
    // 47 look-ups at 20 a second (a window of 1.1 s): the last ones wait for two windows
    expect(Date.now() - before).toBeGreaterThanOrEqual(2000);
    const view = await findReplayPreflight(db, tenantId, preflightId);
    expect(view?.status).toBe('completed');
    expect(view?.summary.headline).toBe(
      '47 selected: 7 already at the ERP (will be linked, not sent again), 40 to send',
    );
    expect(view?.summary).toMatchObject({
      alreadyAtTarget: 7,
      toSend: 40,
      absent: 40,
      notCheckable: 0,
      failedToCheck: 0,
      notChecked: 0,
    });
    expect(new Map(view?.found.map((f) => [f.transactionId, f.externalRef]))).toEqual(alreadyThere);
    // another chunk of a finished pre-flight changes nothing
    expect(await runPreflightChunk(deps(), tenantId, preflightId)).toEqual({ done: true });
    expect((await findReplayPreflight(db, tenantId, preflightId))?.summary.found).toBe(7);
  }, 60_000);

  it('is invisible to another tenant', async () => {
    expect(await findReplayPreflight(db, otherTenantId, preflightId)).toBeNull();
    expect(await cancelReplayPreflight(db, otherTenantId, preflightId, { actor: SUPPORT })).toBe(
      'not_found',
    );
  });

  it('stops when cancelled, and the start and cancel are audited', async () => {
    const { preflightId: id } = await startReplayPreflight(db, tenantId, {
      filter,
      actor: SUPPORT,
    });
    expect(await cancelReplayPreflight(db, tenantId, id, { actor: SUPPORT })).toBe('cancelled');
    expect(await cancelReplayPreflight(db, tenantId, id, { actor: SUPPORT })).toBe('finished');
    expect(await runPreflightChunk(deps(), tenantId, id)).toEqual({ done: true });
    const view = await findReplayPreflight(db, tenantId, id);
    expect(view?.status).toBe('cancelled');
    expect(view?.summary.handled).toBe(0);
    const audit = await db.auditEntry.findMany({
      where: { tenantId, objectId: id },
      orderBy: { seq: 'asc' },
      select: { action: true, actorLabel: true },
    });
    expect(audit).toEqual([
      { action: 'replay_preflight.started', actorLabel: 'Sam Support' },
      { action: 'replay_preflight.cancelled', actorLabel: 'Sam Support' },
    ]);
  });

  it('looks up at most the cap and counts the rest as not checked', async () => {
    const { preflightId: id } = await startReplayPreflight(db, tenantId, {
      filter,
      actor: SUPPORT,
      lookupCap: 10,
    });
    await runToEnd(id, { ...deps(), chunkSize: 4 });
    const s = (await findReplayPreflight(db, tenantId, id))?.summary;
    expect(s && s.found + s.absent).toBe(10);
    expect(s?.notChecked).toBe(37);
    expect(s?.toSend).toBe(47 - (s?.found ?? 0));
  });

  it('links the 7 instead of sending them; the ERP then holds 47 orders, none twice', async () => {
    const wakes = recordingWaker();
    const started = await startReplayBatch(db, tenantId, {
      filter,
      actor: SUPPORT,
      reason: 'ERP back after the outage',
      preflightId,
    });
    expect(started).toMatchObject({ linked: 7, total: 40 });
    for (const [id, ref] of alreadyThere) {
      const t = await db.transaction.findUniqueOrThrow({
        where: { id },
        select: { status: true, externalRefs: true, errorClass: true },
      });
      expect(t).toEqual({ status: 'completed', externalRefs: { erp: ref }, errorClass: null });
      const linked = await db.timelineEntry.findFirst({
        where: { transactionId: id, type: 'replay.linked' },
        select: { kind: true, summary: true },
      });
      expect(linked?.kind).toBe('reconciliation');
      expect(linked?.summary).toContain('during the replay pre-flight');
    }
    const audit = await db.auditEntry.findFirst({
      where: { tenantId, objectId: started.batchId, action: 'replay_batch.started' },
      select: { after: true },
    });
    expect(audit?.after).toMatchObject({ total: 40, linked: 7, preflightId });

    while (!(await runReplayChunk(db, tenantId, started.batchId, wakes.wake)).done);
    await drainConnection(
      {
        db,
        keyRing: FIXTURE_KEY_RING,
        providerTimeoutMs: 3000,
        leaseMs: 5000,
        batchSize: 50,
        budgetMs: 30_000,
        lanes: 2,
        log: createLogger('silent', 'test'),
      },
      { tenantId, connectionId: erpConnectionId },
    );
    const statuses = await db.transaction.groupBy({
      by: ['status'],
      where: { id: { in: transactionIds } },
      _count: true,
    });
    expect(statuses).toEqual([{ status: 'completed', _count: 47 }]);
    const effects = (await erpEffects(erp.url)).filter((e) => e.kind === 'sales_order.created');
    const refs = effects.map((e) => e.external_ref);
    expect(new Set(refs).size).toBe(refs.length); // none twice
    expect(effects).toHaveLength(47); // the 7 made before the replay and 40 new ones
    const before = new Set(alreadyThere.values());
    expect(effects.filter((e) => !before.has(e.id))).toHaveLength(40);
  }, 60_000);
});
