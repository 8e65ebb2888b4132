// Acceptance (issue 6, reconciliation) through the real stack: web app, worker, simulators. The
// commerce simulator's webhooks are off while 47 orders are paid; a run forced through the API
// reports exactly 47 missing_in_ledger; "backfill all" creates and completes them with exactly 47
// fulfilments at the warehouse, none twice; a status and an amount changed at the ERP are
// reported with field, values and owner; accepting one with a note records who and why.
// (lib/reconciliation/reconciliation.integration.test.ts covers the same below the web app.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueApiToken } from '@/lib/api-tokens/issue-api-token';
import { adminJson, createOrders, erpEffects, setChaos, warehouseEffects } from './support/sims';
import { waitFor } from './support/processes';
import { startStack, type Stack } from './support/stack';

let stack: Stack;
let bearer: string;
const windowFrom = new Date(Date.now() - 60_000).toISOString();

beforeAll(async () => {
  stack = await startStack({ warehouseWorkflowStepMs: 0 });
  const finance = await stack.db.user.findUniqueOrThrow({ where: { email: 'finance@acme.test' } });
  const token = await issueApiToken(stack.db, stack.tenantId, {
    name: 'month-end',
    scopes: ['reconciliation.run', 'drift.resolve'],
    expiry: '30',
    actor: { kind: 'user', userId: finance.id, name: finance.name },
  });
  bearer = token.secret;
}, 180_000);
afterAll(async () => {
  await stack?.stop();
});

async function call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${stack.web.url}/api/v1${path}`, {
    method,
    headers: {
      authorization: `Bearer ${bearer}`,
      ...(body !== undefined && { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok)
    throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

interface Item {
  id: string;
  kind: string;
  state: string;
  providerRef: string | null;
  field: string | null;
  ledgerValue: unknown;
  providerValue: unknown;
  owner: string | null;
  decidedBy: string | null;
  note: string | null;
}
interface RunDetail {
  run: { status: string; listed: number; matched: number; drifted: number };
  items: Item[];
  nextCursor: string | null;
}

async function forceRun(flowKey: string): Promise<string> {
  const { runId } = await call<{ runId: string }>('POST', '/reconciliation/runs', {
    flowId: stack.flowIds[flowKey],
    windowFrom,
    windowTo: new Date(Date.now() + 60_000).toISOString(),
  });
  await waitFor('the run finishes', async () => {
    const { run } = await call<RunDetail>('GET', `/reconciliation/runs/${runId}?limit=1`);
    return run.status !== 'running';
  });
  return runId;
}

const detail = (runId: string, query = '') =>
  call<RunDetail>('GET', `/reconciliation/runs/${runId}?limit=500${query}`);

describe('reconciliation through the API', () => {
  let missingRun: string;

  it('finds exactly the 47 orders whose webhooks never arrived', async () => {
    await setChaos(stack.commerce.url, { webhookOutage: true });
    const orders = await createOrders(stack.commerce.url, 47);
    missingRun = await forceRun('orders-paid-to-warehouse');
    const { run, items } = await detail(missingRun, '&kind=missing_in_ledger');
    expect(run.status).toBe('completed');
    expect(items).toHaveLength(47);
    expect(new Set(items.map((i) => i.providerRef))).toEqual(
      new Set(orders.map((o) => String(o.id))),
    );
    expect(await stack.count('orders-paid-to-warehouse')).toBe(0);
  }, 120_000);

  it('backfills all of them: 47 complete with 47 fulfilments, none twice', async () => {
    const selection = { runId: missingRun, kind: 'missing_in_ledger' };
    expect(
      await call('POST', '/reconciliation/drift-decisions', {
        action: 'backfill',
        selection,
        preview: true,
      }),
    ).toEqual({ kind: 'preview', matches: 47 });
    expect(
      await call('POST', '/reconciliation/drift-decisions', { action: 'backfill', selection }),
    ).toMatchObject({ kind: 'backfilled', backfilled: 47, skipped: 0 });
    await waitFor(
      '47 completed',
      async () => (await stack.count('orders-paid-to-warehouse', { status: 'completed' })) === 47,
      90_000,
    );
    // a second backfill of the same run (a double click, a retried request) creates nothing
    await setChaos(stack.commerce.url, { webhookOutage: false });
    await call('POST', '/reconciliation/drift-decisions', { action: 'backfill', selection });
    await stack.quiet();
    const created = (await warehouseEffects(stack.warehouse.url)).filter(
      (e) => e.kind === 'fulfilment.created',
    );
    expect(created).toHaveLength(47);
    expect(new Set(created.map((e) => e.reference)).size).toBe(47);
    expect(await stack.count('orders-paid-to-warehouse')).toBe(47);
  }, 180_000);

  it('reports a status and an amount changed at the ERP, and records an acceptance', async () => {
    await waitFor(
      '47 sales orders',
      async () => (await stack.count('orders-paid-to-erp', { status: 'completed' })) === 47,
      90_000,
    );
    const [cancelled, repriced] = (await erpEffects(stack.erp.url)).filter(
      (e) => e.kind === 'sales_order.created',
    );
    if (!cancelled || !repriced) throw new Error('no sales orders');
    await adminJson(stack.erp.url, `records/${cancelled.id}`, { status: 'CANCELLED' });
    await adminJson(stack.erp.url, `records/${repriced.id}`, { total: '9999.99' });
    const runId = await forceRun('orders-paid-to-erp');
    const { items } = await detail(runId);
    expect(items).toHaveLength(2);
    expect(items.find((i) => i.kind === 'status_mismatch')).toMatchObject({
      providerRef: cancelled.id,
      field: 'status',
      ledgerValue: 'completed',
      providerValue: 'CANCELLED',
      owner: 'erp',
    });
    const amount = items.find((i) => i.kind === 'field_mismatch');
    expect(amount).toMatchObject({
      providerRef: repriced.id,
      field: 'total',
      providerValue: '9999.99',
      owner: 'commerce',
    });

    const note = 'price corrected by hand at the ERP after a phone call';
    expect(
      await call('POST', '/reconciliation/drift-decisions', {
        action: 'accept',
        selection: { itemId: amount?.id },
        note,
      }),
    ).toEqual({ kind: 'accepted', accepted: 1 });
    const after = await detail(runId, '&state=accepted');
    expect(after.items).toEqual([
      expect.objectContaining({ id: amount?.id, decidedBy: 'API token "month-end"', note }),
    ]);
    const entry = await stack.db.auditEntry.findFirstOrThrow({
      where: { tenantId: stack.tenantId, action: 'drift.accepted', objectId: amount?.id ?? '' },
    });
    expect(entry.reason).toBe(note);
  }, 180_000);
});
