// A guided recovery of the warehouse connection against real PostgreSQL and a real redis-server
// (no worker runs, so what the steps queue stays queued and can be looked at): the outage's start
// and what waits, the steps in order and refused out of turn, the drain's rate as the drain reads
// it, the replay, pre-flight and reconciliation runs each step starts, every step's audit entry,
// abandoning, another tenant's view, and two people starting at once.
import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { updateConnection } from '@/lib/connections/update-connection';
import { findTargetConnection } from '@/lib/engine/load-dispatchable';
import { setConnectionPaused } from '@/lib/engine/pause';
import type { TransactionStatus } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { createLogger } from '@/lib/observability/logger';
import { drainJobId, JOBS } from '@/lib/queue/catalog';
import { createProducerRedis, whenReady } from '@/lib/queue/connection';
import { createQueues, type QueueSet } from '@/lib/queue/queues';
import { drainWaker, type WakeDrains } from '@/lib/queue/wake-drains';
import { listReconcilableFlows } from '@/lib/reconciliation/reconcilable-flows';
import { seededLedger, type SeededLedger } from '@/test/support/ledger-fixtures';
import { demoTenant, placeTransaction, type FixtureTenant } from '@/test/support/overview-fixtures';
import { startRedis } from '@/test/support/processes';
import { startDrain } from './drain';
import { confirmFix, previewDrain } from './fix-and-preview';
import { finishRecovery, reconcileOutageWindow } from './reconcile-and-finish';
import { startRecovery } from './start-recovery';

const W = 'orders-paid-to-warehouse';
const HOUR = 3600_000;
const PAUSE_REASON = 'the warehouse answers 503 to every order';
const log = createLogger('warn', 'recovery.integration');

let ledger: SeededLedger;
let redisServer: Awaited<ReturnType<typeof startRedis>>;
let redis: Redis;
let queues: QueueSet;
let wake: WakeDrains;

beforeAll(async () => {
  ledger = await seededLedger();
  redisServer = await startRedis();
  redis = createProducerRedis(redisServer.url);
  await whenReady(redis);
  queues = createQueues(redis, `recovery-${randomBytes(4).toString('hex')}`);
  wake = drainWaker({ queues, log });
});
afterAll(async () => {
  await queues?.close();
  redis?.disconnect();
  await redisServer?.proc.stop();
  await ledger?.drop();
});

const deps = () => ({ db: ledger.db, queues, log, wake });
const operations = () => queues.get(JOBS['replay.batch'].queue);

interface Tenant extends FixtureTenant {
  warehouse: string;
  actor: { id: string; label: string };
}

/** A demo tenant of its own per test (its warehouse connection has at most one active recovery). */
async function tenant(name: string): Promise<Tenant> {
  const slug = `${name}-${randomBytes(3).toString('hex')}`;
  const t = await demoTenant(ledger.db, slug);
  const user = await ledger.db.user.findUniqueOrThrow({
    where: { email: `admin@${slug}.test` },
    select: { id: true, name: true },
  });
  const actor = { id: user.id, label: user.name };
  return { ...t, warehouse: t.connections.warehouse ?? '', actor };
}

/**
 * The warehouse paused after an outage: failures 2 h and 30 min before the pause (the outage's),
 * one 25 h before (outside the look-back), one of the ERP flow (another connection), and three
 * orders held. Returns the pause and the first failure of the outage.
 */
async function pausedOutage(t: Tenant) {
  const pause = { actor: t.actor, reason: PAUSE_REASON, wake };
  await setConnectionPaused(ledger.db, t.tenantId, t.warehouse, true, pause);
  const { pausedAt } = await connectionOf(t);
  if (!pausedAt) throw new Error('the pause set no pausedAt');
  const before = (hours: number) => new Date(pausedAt.getTime() - hours * HOUR);
  const placed: [string, TransactionStatus, number][] = [
    [W, 'failed', 25],
    [W, 'failed', 2],
    [W, 'needs_review', 0.5],
    ['orders-paid-to-erp', 'failed', 3],
    [W, 'paused', 0.25],
    [W, 'paused', 0.25],
    [W, 'received', 0.25],
  ];
  const errorClass = 'provider_outage';
  for (const [flow, status, hours] of placed)
    await placeTransaction(t, { flow, status, createdAt: before(hours), errorClass });
  return { pausedAt, firstFailure: before(2) };
}

/** The AppError a step was refused with, as code and words (the step starts when asked). */
async function refusal(step: () => Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await step();
  } catch (error) {
    if (error instanceof AppError) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('the step was not refused');
}

const conflict = (message: string) => ({ code: 'CONFLICT', message });
const missing = (what: string) => ({ code: 'NOT_FOUND', message: `${what} not found` });
const by = (t: Tenant) => ({ actor: t.actor });
const start = (t: Tenant, tenantId = t.tenantId) =>
  startRecovery(ledger.db, tenantId, t.warehouse, by(t));
/** The steps of recovery `id`, taken by the tenant's admin. */
function stepsOf(t: Tenant, id: string, tenantId = t.tenantId) {
  const as = by(t);
  return {
    fix: (note?: string) => confirmFix(ledger.db, tenantId, id, { ...as, ...(note && { note }) }),
    preview: () => previewDrain(deps(), tenantId, id, as),
    drain: (ratePerSecond = 3) => startDrain(deps(), tenantId, id, { ...as, ratePerSecond }),
    reconcile: () => reconcileOutageWindow(deps(), tenantId, id, as),
    complete: () => finishRecovery(ledger.db, tenantId, id, { ...as, outcome: 'completed' }),
    abandon: (reason?: string) =>
      finishRecovery(ledger.db, tenantId, id, { ...as, outcome: 'abandoned', reason }),
  };
}
const setRate = (t: Tenant, rateLimitPerSecond: number | null, connectionId = t.warehouse) =>
  updateConnection(ledger.db, t.tenantId, connectionId, { rateLimitPerSecond }, by(t));

const recoveryOf = (id: string) => ledger.db.recovery.findUniqueOrThrow({ where: { id } });
const connectionOf = (t: Tenant) =>
  ledger.db.connection.findUniqueOrThrow({ where: { id: t.warehouse } });
const audited = (t: Tenant, objectId: string) =>
  ledger.db.auditEntry.findMany({
    where: { tenantId: t.tenantId, objectId },
    orderBy: { seq: 'asc' },
    select: { action: true, objectType: true, reason: true, after: true, actorLabel: true },
  });
const lastAudit = async (t: Tenant, id: string) => (await audited(t, id)).at(-1);
/** The recovery's latest audit entry is this step's, by the tenant's admin. */
async function sawAudit(t: Tenant, id: string, action: string, after: object, why?: string) {
  expect(await lastAudit(t, id)).toMatchObject({
    action,
    objectType: 'recovery',
    actorLabel: t.actor.label,
    reason: why ?? null,
    after: { connection: 'Warehouse', ...after },
  });
}
/** The rate the drain reads (lib/engine/drain.ts reads the connection through this). */
const rateOf = async (t: Tenant) =>
  (await findTargetConnection(ledger.db, t.tenantId, t.warehouse))?.rateLimitPerSecond;

describe('starting a recovery', () => {
  it('refuses an active connection; records a paused one’s outage and what waits, once', async () => {
    const t = await tenant('rc-start');
    expect(await refusal(() => start(t))).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('is active and its circuit is closed') as string,
    });
    expect(await ledger.db.recovery.count({ where: { tenantId: t.tenantId } })).toBe(0);
    const { firstFailure } = await pausedOutage(t);
    const started = await start(t);
    expect(started.created).toBe(true);
    expect(await recoveryOf(started.recoveryId)).toMatchObject({
      tenantId: t.tenantId,
      connectionId: t.warehouse,
      state: 'open',
      cause: 'paused',
      causeDetail: PAUSE_REASON,
      outageFrom: firstFailure,
      waitingAtStart: 3,
      failedAtStart: 2,
      startedById: t.actor.id,
      startedBy: t.actor.label,
    });
    const outage = { cause: 'paused', outageFrom: firstFailure.toISOString(), held: 3, failed: 2 };
    await sawAudit(t, started.recoveryId, 'recovery.started', outage);
    // starting again: the same recovery, nothing recorded
    expect(await start(t)).toEqual({ recoveryId: started.recoveryId, created: false });
    expect(await audited(t, started.recoveryId)).toHaveLength(1);

    // another tenant: neither the connection nor the recovery exists for it
    const other = await tenant('rc-other');
    expect(await refusal(() => start(t, other.tenantId))).toEqual(missing('connection'));
    const theirs = stepsOf(t, started.recoveryId, other.tenantId);
    expect(await refusal(() => theirs.fix())).toEqual(missing('recovery'));
    expect((await recoveryOf(started.recoveryId)).fixConfirmedAt).toBeNull();
  });

  it('gives two people starting at once the same recovery', async () => {
    const t = await tenant('rc-race');
    await pausedOutage(t);
    const both = await Promise.all([start(t), start(t)]);
    expect(both[0].recoveryId).toBe(both[1].recoveryId);
    expect(both.map((s) => s.created).sort()).toEqual([false, true]);
    expect(await ledger.db.recovery.count({ where: { connectionId: t.warehouse } })).toBe(1);
    const trail = await audited(t, both[0].recoveryId);
    expect(trail.map((a) => a.action)).toEqual(['recovery.started']);
  });
});

describe('a recovery taken step by step', () => {
  let t: Tenant;
  let id: string;
  let outageFrom: Date;
  let step: ReturnType<typeof stepsOf>;

  beforeAll(async () => {
    t = await tenant('rc-steps');
    outageFrom = (await pausedOutage(t)).firstFailure;
    id = (await start(t)).recoveryId;
    step = stepsOf(t, id);
  });

  it('refuses every step out of turn, in words, and records nothing', async () => {
    const refused: [() => Promise<unknown>, string][] = [
      [step.preview, 'confirm the fix first'],
      [step.drain, 'preview the drain first'],
      [step.reconcile, 'start the drain first'],
      [step.complete, 'reconcile the outage window first'],
    ];
    for (const [take, words] of refused) expect(await refusal(take)).toEqual(conflict(words));
    expect((await audited(t, id)).map((a) => a.action)).toEqual(['recovery.started']);
    expect(await recoveryOf(id)).toMatchObject({ state: 'open', fixConfirmedAt: null });
    expect((await connectionOf(t)).status).toBe('paused');
  });

  it('confirms the fix with the configuration changes made since the outage began', async () => {
    await setRate(t, 250);
    await setRate(t, 30, t.connections.erp ?? ''); // another connection's change is not this fix
    const note = 'the warehouse rotated its TLS certificate; the new one is trusted now';
    expect(await step.fix(note)).toEqual({ changes: 1 });
    expect(await recoveryOf(id)).toMatchObject({
      fixNote: note,
      fixConfirmedAt: expect.any(Date) as Date,
    });
    await sawAudit(t, id, 'recovery.fix_confirmed', { changes: 1 }, note);
    expect(await refusal(step.fix)).toEqual(conflict('the fix is already confirmed'));
  });

  it('previews what the drain sends and starts a pre-flight of the failed work', async () => {
    const preview = await step.preview();
    expect(preview).toEqual({ held: 3, failed: 2, preflightId: expect.any(String) as string });
    const preflightId = preview.preflightId ?? '';
    expect(await recoveryOf(id)).toMatchObject({
      previewWaiting: 3,
      previewFailed: 2,
      preflightId,
    });
    const preflight = await ledger.db.replayPreflight.findFirstOrThrow({
      where: { id: preflightId, tenantId: t.tenantId },
    });
    expect(preflight.selected).toBe(2); // the failure 25 h before the pause is not the outage's
    expect(await operations().getJob(`preflight-${preflightId}`)).toMatchObject({
      name: 'replay.preflight',
      data: { tenantId: t.tenantId, preflightId },
    });
    await sawAudit(t, id, 'recovery.previewed', { held: 3, failed: 2, preflightId });
  });

  it('drains at the chosen rate: resumes the connection and replays the failed work', async () => {
    expect(await rateOf(t)).toBe(250);
    const drain = await step.drain(3);
    expect(drain).toMatchObject({ held: 3, failed: 2, resumed: true, replayNotQueued: false });
    const batchId = drain.replayBatchId ?? '';
    expect(await recoveryOf(id)).toMatchObject({
      state: 'draining',
      drainRatePerSecond: 3,
      drainTotal: 5,
      replayBatchId: batchId,
      drainStartedAt: expect.any(Date) as Date,
    });
    // the drain reads the lower of the recovery's rate and the connection's own, left as it was
    expect(await rateOf(t)).toBe(3);
    expect(await connectionOf(t)).toMatchObject({ status: 'active', rateLimitPerSecond: 250 });
    expect(await lastAudit(t, t.warehouse)).toMatchObject({ action: 'connection.resumed' });
    const woken = await queues
      .get(JOBS['connection.drain'].queue)
      .getJob(drainJobId(t.warehouse, 0));
    expect(woken?.data).toMatchObject({ tenantId: t.tenantId, connectionId: t.warehouse });
    expect(await operations().getJob(`replay-${batchId}`)).toMatchObject({
      name: 'replay.batch',
      data: { tenantId: t.tenantId, batchId },
    });
    const batch = await ledger.db.replayBatch.findFirstOrThrow({
      where: { id: batchId, tenantId: t.tenantId },
    });
    expect(batch.total).toBe(2);
    await sawAudit(t, id, 'recovery.drain_started', { ratePerSecond: 3, held: 3, failed: 2 });
    expect(await refusal(step.preview)).toEqual(
      conflict('the drain has started: there is nothing left to preview'),
    );
  });

  it('reconciles the outage window once, one run per reconcilable flow to the connection', async () => {
    const flows = await listReconcilableFlows(ledger.db, t.tenantId, {
      targetConnectionId: t.warehouse,
    });
    expect(flows.map((f) => f.key)).toEqual([W]);
    const started = await step.reconcile();
    expect(started).toMatchObject({ windowFrom: outageFrom, flowsLeftOut: 0, notQueued: 0 });
    const runs = await ledger.db.reconciliationRun.findMany({
      where: { tenantId: t.tenantId },
      select: { id: true, flowId: true, status: true, windowFrom: true },
    });
    expect(runs.map((r) => r.id)).toEqual(started.runIds);
    expect(runs).toMatchObject([{ flowId: t.flows[W], status: 'running', windowFrom: outageFrom }]);
    expect(await operations().getJob(`reconcile-${started.runIds[0]}`)).toBeTruthy();
    expect(await recoveryOf(id)).toMatchObject({
      state: 'reconciling',
      outageTo: started.windowTo,
      reconciliationRunIds: started.runIds,
    });
    const [windowFrom, windowTo] = [outageFrom.toISOString(), started.windowTo.toISOString()];
    const after = { windowFrom, windowTo, runs: 1, flows: flows.map((f) => f.name) };
    await sawAudit(t, id, 'recovery.reconcile_started', after);
    expect(await rateOf(t)).toBe(3); // the drain's rate holds while reconciling
    expect(await refusal(step.reconcile)).toEqual(
      conflict('the outage window is already being reconciled'),
    );
    expect(await ledger.db.reconciliationRun.count({ where: { tenantId: t.tenantId } })).toBe(1);
  });

  it('completes: the connection’s own rate applies again, and the trail reads in order', async () => {
    await step.complete();
    expect(await recoveryOf(id)).toMatchObject({
      state: 'completed',
      finishedBy: t.actor.label,
      finishedAt: expect.any(Date) as Date,
    });
    expect(await rateOf(t)).toBe(250);
    for (const take of [step.fix, step.drain, step.reconcile])
      expect(await refusal(take)).toEqual(conflict('this recovery is completed: start a new one'));
    expect(await refusal(step.complete)).toMatchObject({ code: 'CONFLICT' });
    const trail = await audited(t, id);
    expect(trail.every((a) => a.objectType === 'recovery')).toBe(true);
    expect(trail.map((a) => a.action)).toEqual([
      'recovery.started',
      'recovery.fix_confirmed',
      'recovery.previewed',
      'recovery.drain_started',
      'recovery.reconcile_started',
      'recovery.completed',
    ]);
  });
});

describe('the drain rate', () => {
  it('is the lower of the recovery’s and the connection’s own, until the recovery ends', async () => {
    const t = await tenant('rc-rate');
    await setRate(t, 2);
    await pausedOutage(t);
    const step = stepsOf(t, (await start(t)).recoveryId);
    await step.fix();
    await step.preview();
    await step.drain(3);
    expect(await rateOf(t)).toBe(2);
    await setRate(t, null); // no limit of its own: the recovery's holds
    expect(await rateOf(t)).toBe(3);
    await step.abandon('handing over to the warehouse team');
    expect(await rateOf(t)).toBeNull();
  });
});

describe('abandoning a recovery', () => {
  it('takes a reason, is audited, ends the recovery and lets a new one start', async () => {
    const t = await tenant('rc-abandon');
    await pausedOutage(t);
    const { recoveryId: id } = await start(t);
    const step = stepsOf(t, id);
    await step.fix();
    const unexplained = { code: 'VALIDATION_FAILED', message: 'say why the recovery is abandoned' };
    for (const reason of [undefined, '', '   '])
      expect(await refusal(() => step.abandon(reason))).toEqual(unexplained);
    expect((await recoveryOf(id)).state).toBe('open');

    const reason = 'the warehouse moves to its new API next week; we replay then';
    await step.abandon(reason);
    expect(await recoveryOf(id)).toMatchObject({ state: 'abandoned', finishedBy: t.actor.label });
    await sawAudit(t, id, 'recovery.abandoned', { from: 'open' }, reason);
    expect(await refusal(step.preview)).toEqual(
      conflict('this recovery is abandoned: start a new one'),
    );
    expect(await refusal(() => step.abandon(reason))).toEqual(
      conflict('this recovery is already abandoned'),
    );

    // the connection is still paused: a new recovery starts (only active ones are unique)
    const next = await start(t);
    expect(next.created).toBe(true);
    expect(next.recoveryId).not.toBe(id);
    expect(await recoveryOf(next.recoveryId)).toMatchObject({ state: 'open', cause: 'paused' });
    expect((await recoveryOf(id)).state).toBe('abandoned');
  });
});
