// Guided recovery through /api/v1 on the real stack (web app, worker, simulators), as an
// automation would take it: the warehouse refuses the token (one order goes to review), the
// warehouse is paused (a second order is held), then start → fix → preview → drain → reconcile →
// complete over HTTP with a bearer token, GET showing each step's status as it goes. Steps out of
// turn answer 409 in the use case's words, a token without a step's scope 403, another tenant's
// ids 404. Every answer is checked against its documented schema (API_RESPONSE_CHECK=1 in the
// stack: a mismatch would be a 500). lib/recovery/recovery.integration.test.ts covers the use
// cases below the web app.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { issueApiToken } from '@/lib/api-tokens/issue-api-token';
import type { Permission } from '@/lib/base/permissions';
import { updateConnection } from '@/lib/connections/update-connection';
import { setConnectionPaused } from '@/lib/engine/pause';
import { createProducerRedis } from '@/lib/queue/connection';
import { createQueues, type QueueSet } from '@/lib/queue/queues';
import { drainWaker, type WakeDrains } from '@/lib/queue/wake-drains';
import type { recoveryViewResponse } from '@/lib/recovery/recovery-responses';
import { startRecovery } from '@/lib/recovery/start-recovery';
import { seedFixtureTenant } from './support/ledger-fixtures';
import { waitFor } from './support/processes';
import { createOrders, setChaos } from './support/sims';
import { startStack, type Stack } from './support/stack';

const W = 'orders-paid-to-warehouse';
const REASON = 'the warehouse refuses our token';
const TOKEN_NAME = 'recovery automation';
const NOBODY = '00000000-0000-7000-8000-000000000000';

let stack: Stack;
let queues: QueueSet;
let wake: WakeDrains;
let closeRedis: () => void;
let admin: { id: string; label: string };
let full: string; // every scope a recovery takes
let reader: string; // reads only
let pauser: string; // pauses connections, but may not replay or reconcile
let warehouse: string;

async function tokenWith(name: string, scopes: Permission[]): Promise<string> {
  const token = await issueApiToken(stack.db, stack.tenantId, {
    name,
    scopes,
    expiry: '30',
    actor: { kind: 'user', userId: admin.id, name: admin.label },
  });
  return token.secret;
}

beforeAll(async () => {
  stack = await startStack({ warehouseWorkflowStepMs: 0 });
  const redis = createProducerRedis(stack.redis.url);
  closeRedis = () => redis.disconnect();
  queues = createQueues(redis, stack.env.QUEUE_PREFIX ?? '');
  wake = drainWaker({ queues, log: console });
  const user = await stack.db.user.findUniqueOrThrow({ where: { email: 'admin@acme.test' } });
  admin = { id: user.id, label: user.name };
  warehouse = stack.connectionIds.warehouse ?? '';
  full = await tokenWith(TOKEN_NAME, [
    'connections.pause',
    'transactions.replay',
    'reconciliation.run',
    'transactions.read',
  ]);
  reader = await tokenWith('recovery reader', ['transactions.read']);
  pauser = await tokenWith('recovery pauser', ['connections.pause', 'transactions.read']);
}, 180_000);
afterAll(async () => {
  await queues?.close();
  closeRedis?.();
  await stack?.stop();
});

interface Answer<T> {
  status: number;
  body: T;
}

async function call<T = Record<string, unknown>>(
  method: 'GET' | 'POST',
  path: string,
  options: { body?: unknown; token?: string } = {},
): Promise<Answer<T>> {
  const response = await fetch(`${stack.web.url}/api/v1${path}`, {
    method,
    headers: {
      authorization: `Bearer ${options.token ?? full}`,
      ...(options.body !== undefined && { 'content-type': 'application/json' }),
    },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  return { status: response.status, body: (await response.json()) as T };
}

const REFUSALS = { CONFLICT: 409, NOT_FOUND: 404, FORBIDDEN: 403 } as const;
/** an error answer: its status, code and words (the use case's, or the wrapper's) */
const refusedWith = (error: keyof typeof REFUSALS, message: string | RegExp) => ({
  status: REFUSALS[error],
  body: expect.objectContaining({
    error,
    message: typeof message === 'string' ? message : (expect.stringMatching(message) as string),
  }) as unknown,
});

/** the recovery as documented (the stack checks each answer against this schema) */
type View = z.output<typeof recoveryViewResponse>;

async function view(id: string): Promise<View> {
  const answer = await call<View>('GET', `/recoveries/${id}`);
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return answer.body;
}
/** the status of each step, in order: waiting, fix, preview, drain, reconcile */
const stepsOf = (v: View) => v.steps.map((s) => s.status);
const trailOf = (v: View) => v.trail.map((t) => t.action);

const warehouseTxns = (where: object = {}) =>
  stack.db.transaction.findMany({
    where: { flowId: stack.flowIds[W] ?? '', ...where },
    select: { id: true, status: true },
  });

/** One order refused by the warehouse (to review), the warehouse paused, one order held. */
async function outage() {
  await setChaos(stack.warehouse.url, { authExpired: true });
  await createOrders(stack.commerce.url, 1);
  await waitFor(
    'the warehouse refuses the first order',
    async () => (await warehouseTxns({ status: { in: ['needs_review', 'failed'] } })).length === 1,
    60_000,
  );
  await setConnectionPaused(stack.db, stack.tenantId, warehouse, true, {
    actor: admin,
    reason: REASON,
    wake,
  });
  await setChaos(stack.warehouse.url, { authExpired: false });
  await createOrders(stack.commerce.url, 1);
  await waitFor(
    'the pause holds the second order',
    async () => (await warehouseTxns({ status: { in: ['paused', 'received'] } })).length === 1,
    60_000,
  );
}

describe('a guided recovery of the warehouse through the API', () => {
  let id: string;

  it('starts once (201), answers the active one after (200), and refuses an active connection', async () => {
    await outage();
    const erp = stack.connectionIds.erp ?? '';
    expect(await call('POST', `/connections/${erp}/recovery`)).toMatchObject(
      refusedWith('CONFLICT', /is active and its circuit is closed/),
    );
    const started = await call<{ recoveryId: string; created: boolean }>(
      'POST',
      `/connections/${warehouse}/recovery`,
    );
    expect(started).toMatchObject({ status: 201, body: { created: true } });
    id = started.body.recoveryId;
    expect(await call('POST', `/connections/${warehouse}/recovery`)).toEqual({
      status: 200,
      body: { recoveryId: id, created: false },
    });
    expect(await call('GET', `/connections/${warehouse}/recovery`)).toMatchObject({
      status: 200,
      body: { id, state: 'open' },
    });
  });

  it('shows what waits and each step’s status', async () => {
    const v = await view(id);
    expect(v).toMatchObject({ id, state: 'open', cause: 'paused', causeDetail: REASON });
    expect(v.waiting).toMatchObject({ held: 1, failed: 1 });
    expect(v.waiting.flows).toHaveLength(1);
    expect(stepsOf(v)).toEqual(['done', 'current', 'todo', 'todo', 'todo']);
    expect(trailOf(v)).toEqual(['recovery.started']);
    expect(v.trail[0]?.actorLabel).toBe(`API token "${TOKEN_NAME}"`);
  });

  it('refuses each step out of turn with 409 in the use case’s words, recording nothing', async () => {
    const refused: [string, unknown, string][] = [
      ['preview', undefined, 'confirm the fix first'],
      ['drain', { ratePerSecond: 5 }, 'preview the drain first'],
      ['reconcile', undefined, 'start the drain first'],
      ['complete', undefined, 'reconcile the outage window first'],
    ];
    for (const [step, body, words] of refused)
      expect(await call('POST', `/recoveries/${id}/${step}`, { body })).toMatchObject(
        refusedWith('CONFLICT', words),
      );
    expect(trailOf(await view(id))).toEqual(['recovery.started']);
  });

  it('answers 403 without a step’s scope and 422 for a bad body, recording nothing', async () => {
    expect(await call('POST', `/recoveries/${id}/fix`, { token: reader })).toMatchObject(
      refusedWith('FORBIDDEN', /connections\.pause/),
    );
    expect(
      await call('POST', `/connections/${warehouse}/recovery`, { token: reader }),
    ).toMatchObject(refusedWith('FORBIDDEN', /connections\.pause/));
    expect(
      await call('POST', `/recoveries/${id}/drain`, { token: pauser, body: { ratePerSecond: 5 } }),
    ).toMatchObject(refusedWith('FORBIDDEN', /transactions\.replay/));
    expect(await call('POST', `/recoveries/${id}/reconcile`, { token: pauser })).toMatchObject(
      refusedWith('FORBIDDEN', /reconciliation\.run/),
    );
    // reading takes only transactions.read
    expect((await call('GET', `/recoveries/${id}`, { token: reader })).status).toBe(200);
    for (const ratePerSecond of [0, 1001, 2.5])
      expect(
        (await call('POST', `/recoveries/${id}/drain`, { body: { ratePerSecond } })).status,
      ).toBe(422);
    for (const body of [{}, { reason: '   ' }])
      expect((await call('POST', `/recoveries/${id}/abandon`, { body })).status).toBe(422);
    const v = await view(id);
    expect(v.state).toBe('open');
    expect(trailOf(v)).toEqual(['recovery.started']);
  });

  it('finds nothing of another tenant: its recovery and its connection answer 404', async () => {
    const globex = await seedFixtureTenant(stack.db, 'globex');
    const boss = await stack.db.user.findUniqueOrThrow({ where: { email: 'admin@globex.test' } });
    const by = { actor: { id: boss.id, label: boss.name }, wake };
    await setConnectionPaused(stack.db, globex.tenantId, globex.warehouseConnectionId, true, {
      ...by,
      reason: 'globex pauses its own warehouse',
    });
    const theirs = await startRecovery(stack.db, globex.tenantId, globex.warehouseConnectionId, by);
    const missing = refusedWith('NOT_FOUND', /not found/);
    for (const recoveryId of [theirs.recoveryId, NOBODY]) {
      expect(await call('GET', `/recoveries/${recoveryId}`)).toMatchObject(missing);
      expect(await call('POST', `/recoveries/${recoveryId}/fix`)).toMatchObject(missing);
      const abandon = { body: { reason: 'not mine to abandon' } };
      expect(await call('POST', `/recoveries/${recoveryId}/abandon`, abandon)).toMatchObject(
        missing,
      );
    }
    for (const method of ['GET', 'POST'] as const)
      expect(
        await call(method, `/connections/${globex.warehouseConnectionId}/recovery`),
      ).toMatchObject(missing);
    expect(
      await stack.db.recovery.findUniqueOrThrow({ where: { id: theirs.recoveryId } }),
    ).toMatchObject({ tenantId: globex.tenantId, state: 'open', fixConfirmedAt: null });
  });

  it('confirms the fix with the changes since the outage began, once', async () => {
    // the fix: a change to the warehouse connection, made where it always is
    await updateConnection(
      stack.db,
      stack.tenantId,
      warehouse,
      { rateLimitPerSecond: 50 },
      {
        actor: admin,
      },
    );
    const note = 'the warehouse issued a new token; it is in place';
    expect(await call('POST', `/recoveries/${id}/fix`, { body: { note } })).toEqual({
      status: 200,
      body: { changes: 1 },
    });
    expect(await call('POST', `/recoveries/${id}/fix`)).toMatchObject(
      refusedWith('CONFLICT', 'the fix is already confirmed'),
    );
    const v = await view(id);
    expect(v.fix).toMatchObject({ note, confirmedAt: expect.any(String) as string });
    expect(v.fix.changes.map((c) => c.action)).toEqual(['connection.updated']);
    expect(stepsOf(v)).toEqual(['done', 'done', 'current', 'todo', 'todo']);
  });

  it('previews the drain and asks the warehouse which failed work it already holds', async () => {
    const preview = await call<{ held: number; failed: number; preflightId: string | null }>(
      'POST',
      `/recoveries/${id}/preview`,
    );
    expect(preview).toMatchObject({ status: 200, body: { held: 1, failed: 1 } });
    const preflightId = preview.body.preflightId;
    expect(preflightId).toEqual(expect.any(String));
    const v = await waitFor('the pre-flight finishes', async () => {
      const now = await view(id);
      return now.preview.preflight?.status !== 'running' && now;
    });
    expect(v.preview).toMatchObject({ held: 1, failed: 1 });
    expect(v.preview.preflight).toMatchObject({ id: preflightId, status: 'completed' });
    expect(v.preview.preflight?.headline).toMatch(/^1 selected: /);
    expect(stepsOf(v)).toEqual(['done', 'done', 'done', 'current', 'todo']);
  });

  it('drains at the chosen rate: the connection resumes and both orders reach the warehouse', async () => {
    const drain = await call<{ replayBatchId: string | null }>('POST', `/recoveries/${id}/drain`, {
      body: { ratePerSecond: 5 },
    });
    expect(drain).toMatchObject({
      status: 202,
      body: { held: 1, failed: 1, resumed: true, replayNotQueued: false },
    });
    expect(drain.body.replayBatchId).toEqual(expect.any(String));
    expect(await call('POST', `/recoveries/${id}/preview`)).toMatchObject(
      refusedWith('CONFLICT', 'the drain has started: there is nothing left to preview'),
    );
    const v = await waitFor(
      'the drain sends what waited',
      async () => {
        const now = await view(id);
        return now.steps[3]?.status === 'done' && now;
      },
      60_000,
    );
    expect(v).toMatchObject({ state: 'draining', connection: { status: 'active' } });
    expect(v.drain).toMatchObject({
      ratePerSecond: 5,
      remaining: 0,
      replay: { id: drain.body.replayBatchId },
    });
    expect(stepsOf(v)).toEqual(['done', 'done', 'done', 'done', 'current']);
    expect((await warehouseTxns({ status: 'completed' })).length).toBe(2);
  });

  it('reconciles the outage window: one run of the warehouse flow, seen to its end', async () => {
    const outageFrom = (await view(id)).outageFrom;
    const started = await call<{ runIds: string[] }>('POST', `/recoveries/${id}/reconcile`);
    expect(started).toMatchObject({ status: 202, body: { windowFrom: outageFrom, notQueued: 0 } });
    expect(started.body.runIds).toHaveLength(1);
    expect(await call('POST', `/recoveries/${id}/reconcile`)).toMatchObject(
      refusedWith('CONFLICT', 'the outage window is already being reconciled'),
    );
    const running = await view(id);
    expect(running.state).toBe('reconciling');
    expect(running.reconcile.runs.map((r) => r.id)).toEqual(started.body.runIds);
    const v = await waitFor(
      'the run finishes',
      async () => {
        const now = await view(id);
        return now.steps[4]?.status === 'done' && now;
      },
      60_000,
    );
    expect(v.reconcile.runs).toHaveLength(1);
    expect(v.reconcile.runs[0]?.status).not.toBe('running');
    expect(stepsOf(v)).toEqual(['done', 'done', 'done', 'done', 'done']);
  });

  it('completes once; the trail reads in order under the token’s name', async () => {
    expect(await call('POST', `/recoveries/${id}/complete`)).toEqual({
      status: 200,
      body: { id, state: 'completed' },
    });
    expect(await call('POST', `/recoveries/${id}/complete`)).toMatchObject(
      refusedWith('CONFLICT', 'this recovery is completed: start a new one'),
    );
    const v = await view(id);
    expect(v).toMatchObject({ state: 'completed', finishedBy: `API token "${TOKEN_NAME}"` });
    expect(trailOf(v)).toEqual([
      'recovery.started',
      'recovery.fix_confirmed',
      'recovery.previewed',
      'recovery.drain_started',
      'recovery.reconcile_started',
      'recovery.completed',
    ]);
    expect(new Set(v.trail.map((t) => t.actorLabel))).toEqual(
      new Set([`API token "${TOKEN_NAME}"`]),
    );
    // the warehouse is active again, its circuit closed: nothing to recover
    expect(await call('POST', `/connections/${warehouse}/recovery`)).toMatchObject(
      refusedWith('CONFLICT', /is active and its circuit is closed/),
    );
  });

  it('abandons a new recovery with a reason: the steps it never took are closed', async () => {
    await setConnectionPaused(stack.db, stack.tenantId, warehouse, true, {
      actor: admin,
      reason: 'a second look at the warehouse',
      wake,
    });
    const next = await call<{ recoveryId: string }>('POST', `/connections/${warehouse}/recovery`);
    expect(next).toMatchObject({ status: 201, body: { created: true } });
    const again = next.body.recoveryId;
    expect(again).not.toBe(id);
    const reason = 'the warehouse team takes it from here';
    expect(await call('POST', `/recoveries/${again}/abandon`, { body: { reason } })).toEqual({
      status: 200,
      body: { id: again, state: 'abandoned' },
    });
    expect(await call('POST', `/recoveries/${again}/abandon`, { body: { reason } })).toMatchObject(
      refusedWith('CONFLICT', 'this recovery is already abandoned'),
    );
    const v = await view(again);
    expect(v.state).toBe('abandoned');
    expect(stepsOf(v)).toEqual(['done', 'closed', 'closed', 'closed', 'closed']);
    expect(v.trail.at(-1)).toMatchObject({ action: 'recovery.abandoned', reason });
    expect(await call('GET', `/connections/${warehouse}/recovery`)).toMatchObject({
      status: 200,
      body: { id: again, state: 'abandoned' },
    });
  });
});
