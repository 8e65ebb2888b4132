// Acceptance (issue 3): pause a connection under load -> not one dispatch reaches it while paused
// (the simulator's own log), and the backlog completes after resume. Replay, single and bulk:
// the same idempotency key, the reason and the batch on the timeline, "already present" instead
// of a duplicate for a provider without keys, preview counts, progress, and cancel.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setConnectionPaused } from '@/lib/engine/pause';
import { replayOne } from '@/lib/engine/replay';
import {
  cancelReplayBatch,
  previewReplay,
  runReplayChunk,
  startReplayBatch,
} from '@/lib/engine/replay-batch';
import { createProducerRedis } from '@/lib/queue/connection';
import { createQueues, type QueueSet } from '@/lib/queue/queues';
import { drainWaker, type WakeDrains } from '@/lib/queue/wake-drains';
import { createOrders, erpEffects, setChaos, warehouseEffects } from './support/sims';
import { waitFor } from './support/processes';
import { startStack, type Stack } from './support/stack';

let stack: Stack;
let queues: QueueSet;
/** the waker the console hands the use cases: they wake the drains themselves */
let wake: WakeDrains;
let closeRedis: () => void;
// Operators are users (uuid ids): their actions are audited with them as actor.
const actor = { id: '0193a000-0000-7000-8000-00000000a11c', label: 'Support Agent' };

beforeAll(async () => {
  stack = await startStack({ retryPolicy: { maxAttempts: 2, baseDelayMs: 100, maxDelayMs: 200 } });
  const redis = createProducerRedis(stack.redis.url);
  closeRedis = () => redis.disconnect();
  queues = createQueues(redis, stack.env.QUEUE_PREFIX ?? '');
  wake = drainWaker({ queues, log: console });
});
afterAll(async () => {
  await queues?.close();
  closeRedis?.();
  await stack?.stop();
});

/** Waits for `what`, printing the ledger's status counts when it does not happen. */
async function until(what: string, check: () => Promise<boolean>, timeoutMs = 60_000) {
  await waitFor(what, check, timeoutMs).catch(async (error: unknown) => {
    const counts = await stack.db.transaction.groupBy({
      by: ['flowId', 'status', 'errorClass'],
      _count: true,
    });
    console.error(what, JSON.stringify(counts));
    throw error;
  });
}

const warehouseId = () => stack.connectionIds.warehouse ?? '';
const erpId = () => stack.connectionIds.erp ?? '';

describe('pause and resume', () => {
  it('sends nothing to a paused connection while ingest keeps recording, then drains the backlog', async () => {
    await setChaos(stack.warehouse.url, { latencyMs: { min: 20, max: 60 } });
    const first = await createOrders(stack.commerce.url, 150);
    await waitFor(
      'some fulfilments',
      async () => (await warehouseEffects(stack.warehouse.url)).length >= 10,
    );

    const paused = await setConnectionPaused(stack.db, stack.tenantId, warehouseId(), true, {
      actor,
      reason: 'warehouse maintenance (operator actions suite)',
      wake,
    });
    expect(paused.found).toBe(true);
    const pausedAt = Date.now();
    const atPause = (await warehouseEffects(stack.warehouse.url)).length;
    // Ingest keeps accepting while paused.
    const second = await createOrders(stack.commerce.url, 50);
    await waitFor(
      'all 200 recorded',
      async () => (await stack.count('orders-paid-to-warehouse')) === 200,
      60_000,
    );
    await new Promise((resolve) => setTimeout(resolve, 1500)); // several sweeps and drains
    const whilePaused = await warehouseEffects(stack.warehouse.url);
    expect(whilePaused).toHaveLength(atPause);
    expect(atPause).toBeLessThan(200);
    const backlog = await stack.db.outboxEntry.count({ where: { connectionId: warehouseId() } });
    expect(backlog).toBe(200 - atPause);

    await setConnectionPaused(stack.db, stack.tenantId, warehouseId(), false, { actor, wake });
    const resumedAt = Date.now();
    await waitFor(
      'backlog completed',
      async () => (await stack.count('orders-paid-to-warehouse', { status: 'completed' })) === 200,
      60_000,
    );
    const effects = await warehouseEffects(stack.warehouse.url);
    expect(new Set(effects.map((e) => e.reference)).size).toBe(first.length + second.length);
    const duringPause = effects.filter((e) => {
      const at = Date.parse((e as unknown as { at: string }).at);
      return at > pausedAt && at < resumedAt;
    });
    expect(duringPause).toHaveLength(0);
    await setChaos(stack.warehouse.url, { latencyMs: { min: 0, max: 0 } });
  });
});

describe('replay', () => {
  it('replays a failed ERP transaction with its reason, finds the record already present and creates nothing twice', async () => {
    // The ERP applies the sales order but its answer never arrives; the retry's lookup then meets
    // an outage, so the transaction fails with the order already in the ERP. Earlier work settles
    // first: its calls would otherwise trip the ERP's circuit and hold this one instead.
    await stack.quiet();
    await setChaos(stack.erp.url, { timeoutAfterSuccessRate: 1, hangMs: 5000 });
    const [order] = await createOrders(stack.commerce.url, 1);
    const where = {
      businessKey: String(order?.order_number),
      flowId: stack.flowIds['orders-paid-to-erp'] ?? '',
    };
    const statusOf = async () => (await stack.db.transaction.findFirst({ where }))?.status;
    // The ERP has applied the create and is now holding its answer back: from here on it is down,
    // so the retry's lookup fails too (deterministic, whatever the retry delay turns out to be).
    await waitFor(
      'the ERP to apply the sales order',
      async () =>
        (await erpEffects(stack.erp.url)).some(
          (e) => e.kind === 'sales_order.created' && e.external_ref === where.businessKey,
        ),
      30_000,
      20,
    );
    await setChaos(stack.erp.url, { timeoutAfterSuccessRate: 0, maintenance: true });
    await waitFor(
      'the ERP transaction to fail',
      async () => (await statusOf()) === 'failed',
      60_000,
    );
    await setChaos(stack.erp.url, { maintenance: false });
    const failed = await stack.db.transaction.findFirstOrThrow({ where });
    expect(failed.errorClass).toBe('provider_outage');

    const result = await replayOne(stack.db, stack.tenantId, failed.id, {
      actor,
      reason: 'ERP was slow this morning',
      wake,
    });
    expect(result).toEqual({ kind: 'replayed', connectionId: erpId() });
    await waitFor(
      'the replay to complete',
      async () =>
        (await stack.db.transaction.findUniqueOrThrow({ where: { id: failed.id } })).status ===
        'completed',
      30_000,
    );
    const after = await stack.db.transaction.findUniqueOrThrow({
      where: { id: failed.id },
      include: { timeline: { orderBy: { id: 'asc' } } },
    });
    expect(after.idempotencyKey).toBe(failed.idempotencyKey);
    const replay = after.timeline.find((e) => e.type === 'replay.requested');
    expect(replay).toMatchObject({ kind: 'human_action', actor: actor.id });
    expect(replay?.summary).toContain('ERP was slow this morning');
    expect(after.timeline.some((e) => e.type === 'provider.already_present')).toBe(true);
    const orders = (await erpEffects(stack.erp.url)).filter(
      (e) => e.kind === 'sales_order.created' && e.external_ref === String(order?.order_number),
    );
    expect(orders).toHaveLength(1);
  });

  it('previews, runs with progress and records the batch on every replayed transaction', async () => {
    await setChaos(stack.crm.url, { authExpired: true });
    await createOrders(stack.commerce.url, 30);
    const crmFlow = stack.flowIds['orders-paid-to-crm'] ?? '';
    await waitFor(
      'thirty CRM transactions in review',
      async () =>
        (await stack.count('orders-paid-to-crm', {
          status: 'needs_review',
          errorClass: 'auth',
        })) === 30,
      60_000,
    );
    await setChaos(stack.crm.url, { authExpired: false });
    const filter = { flowId: crmFlow, errorClass: 'auth', statuses: ['needs_review' as const] };
    expect(await previewReplay(stack.db, stack.tenantId, filter)).toBe(30);
    await expect(
      startReplayBatch(stack.db, stack.tenantId, { filter, actor, reason: '' }),
    ).rejects.toThrow(/say why/);
    const { batchId, total } = await startReplayBatch(stack.db, stack.tenantId, {
      filter,
      actor,
      reason: 'CRM key rotated',
    });
    expect(total).toBe(30);
    for (;;) {
      const chunk = await runReplayChunk(stack.db, stack.tenantId, batchId, wake);
      if (chunk.done) break;
    }
    const batch = await stack.db.replayBatch.findUniqueOrThrow({ where: { id: batchId } });
    expect(batch).toMatchObject({ status: 'completed', replayed: 30, skipped: 0 });
    await waitFor(
      'replayed CRM writes complete',
      async () => (await stack.count('orders-paid-to-crm', { status: 'needs_review' })) === 0,
      60_000,
    );
    const marked = await stack.db.timelineEntry.count({
      where: { type: 'replay.requested', data: { path: ['batchId'], equals: batchId } },
    });
    expect(marked).toBe(30);
  });

  it('stops a cancelled batch before its next chunk', async () => {
    await stack.quiet();
    const inReview = await stack.count('orders-paid-to-crm', { status: 'needs_review' });
    await setChaos(stack.crm.url, { authExpired: true });
    await createOrders(stack.commerce.url, 5);
    await until(
      'five CRM transactions in review',
      async () =>
        (await stack.count('orders-paid-to-crm', { status: 'needs_review' })) === inReview + 5,
      60_000,
    );
    await setChaos(stack.crm.url, { authExpired: false });
    // The worker's sweep re-adds every running batch each second and would run this one before
    // the cancel now and then: the worker is stopped while the batch exists uncancelled.
    await stack.worker?.stop();
    try {
      const { batchId, total } = await startReplayBatch(stack.db, stack.tenantId, {
        filter: { flowId: stack.flowIds['orders-paid-to-crm'], statuses: ['needs_review'] },
        actor,
        reason: 'changed my mind',
      });
      expect(total).toBe(inReview + 5);
      expect(await cancelReplayBatch(stack.db, stack.tenantId, batchId, { actor })).toBe(
        'cancelled',
      );
      expect(await runReplayChunk(stack.db, stack.tenantId, batchId, wake)).toEqual({
        done: true,
        connectionIds: [],
      });
      expect(await stack.count('orders-paid-to-crm', { status: 'needs_review' })).toBe(
        inReview + 5,
      );
      expect(
        await stack.db.replayBatch.findUniqueOrThrow({ where: { id: batchId } }),
      ).toMatchObject({ status: 'cancelled', replayed: 0 });
      expect(await cancelReplayBatch(stack.db, stack.tenantId, batchId, { actor })).toBe(
        'finished',
      );
    } finally {
      stack.startWorker();
    }
  });

  it('refuses to replay what is not failed or in review, and another tenant’s id is not found', async () => {
    const done = await stack.db.transaction.findFirstOrThrow({ where: { status: 'completed' } });
    expect(
      await replayOne(stack.db, stack.tenantId, done.id, { actor, reason: 'why not', wake }),
    ).toEqual({
      kind: 'not_replayable',
      status: 'completed',
    });
    expect(
      await replayOne(stack.db, '00000000-0000-7000-8000-000000000000', done.id, {
        actor,
        reason: 'probe',
        wake,
      }),
    ).toEqual({ kind: 'not_found' });
  });
});
