// Acceptance (the demo restart issue) through the real stack: "The demo started, stopped and
// started again: no event of the second run is recorded as a duplicate of the first's, and a
// reconciliation run over both runs' window reports only the drift the traffic injected."
// Run 1 sends paid orders, payments and a refund through all five simulators; then, as
// `npm run demo` does at its next start, the worker and the simulators stop, scripts/demo-reset.ts
// runs (the demo's own runner, as the owner role) and fresh simulators start on the same ports with
// the same seed, so they repeat run 1's ids (evt_…, PAY-000001, order 1001). Run 2 sends the same
// traffic. The web app and Redis stay up, as the demo's Redis does (the demo restarts its web app,
// which holds no simulator state). Without the reset, the second run fails here: its payments are
// recorded as duplicates of the first run's and the ERP sees none of them.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { singleKeyRing } from '@/lib/crypto/key-ring';
import type { TransactionStatus } from '@/lib/db';
import { listReconcilableFlows } from '@/lib/reconciliation/reconcilable-flows';
import { runReconciliationChunk } from '@/lib/reconciliation/run-chunk';
import { startReconciliationRun } from '@/lib/reconciliation/start-run';
import { verifyAuditChain } from '@/lib/audit';
import { startCommerceSimulator } from '@/simulators/commerce/server';
import { startCrmSimulator } from '@/simulators/crm/server';
import { startErpSimulator } from '@/simulators/erp/server';
import { startPaymentsSimulator } from '@/simulators/payments/server';
import type { RunningSim } from '@/simulators/shared-http';
import { startWarehouseSimulator } from '@/simulators/warehouse/server';
import { waitFor } from './support/processes';
import {
  adminJson,
  createOrders,
  editErpRecord,
  erpEffects,
  paymentsEvents,
  refundOrder,
} from './support/sims';
import { startStack, TENANT, TEST_SECRETS, type Stack } from './support/stack';

const SEED = 20_261_205;
const ORDERS = 12;
const WORKFLOW_STEP_MS = 50;
const windowFrom = new Date(Date.now() - 60_000);
let stack: Stack;
const restarted: RunningSim[] = [];

beforeAll(async () => {
  stack = await startStack({ seed: SEED, warehouseWorkflowStepMs: WORKFLOW_STEP_MS });
}, 180_000);
afterAll(async () => {
  await Promise.all(restarted.map((sim) => sim.close()));
  await stack?.stop();
});

/** Completed, or (a shipment status overtaken by a later one) cancelled as stale. */
const SETTLED: TransactionStatus[] = ['completed', 'cancelled'];

/** The demo's traffic, deterministic: paid orders, each paid at the payments simulator, one
 *  refunded. Waits until every simulator is idle and every transaction settled. */
async function traffic(): Promise<void> {
  const since = { createdAt: { gte: new Date() } };
  const orders = await createOrders(stack.commerce.url, ORDERS);
  for (const order of orders) {
    const { total_price } = order as typeof order & { total_price: string };
    const response = await fetch(`${stack.payments.url}/v1/payment_intents`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${TEST_SECRETS.paymentsApiKey}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({
        amount: Math.round(Number(total_price) * 100),
        currency: 'eur',
        metadata: { order_id: String(order.id), order_number: String(order.order_number) },
      }),
    });
    expect(response.status).toBe(200);
  }
  await waitFor(
    'every order paid in the ERP',
    async () =>
      (await stack.count('payments-to-erp', { ...since, status: 'completed' })) === ORDERS,
    90_000,
  );
  await refundOrder(stack.commerce.url, orders[0]?.id ?? 0, '5.00');
  await stack.quiet(90_000);
  await waitFor(
    'every transaction settled',
    async () =>
      (await stack.count('refunds-to-erp', { ...since, status: 'completed' })) === 1 &&
      (await stack.db.transaction.count({
        where: { tenantId: stack.tenantId, status: { notIn: SETTLED } },
      })) === 0,
    90_000,
  );
}

/** Fresh simulators where the stopped ones were: same ports, seed, secrets and webhook targets. */
async function restartSimulators(): Promise<void> {
  const ingest = (key: string) => `${stack.web.url}/api/ingest/${TENANT}/${key}`;
  const redelivery = { maxAttempts: 10, baseDelayMs: 200, timeoutMs: 5000 };
  stack.commerce = await startCommerceSimulator({
    port: stack.commerce.port,
    webhookUrl: ingest('commerce'),
    webhookSecret: TEST_SECRETS.webhookSecret,
    redelivery,
    seed: SEED,
  });
  stack.warehouse = await startWarehouseSimulator({
    port: stack.warehouse.port,
    apiToken: TEST_SECRETS.warehouseToken,
    workflowStepMs: WORKFLOW_STEP_MS,
    seed: SEED,
  });
  await adminJson(stack.warehouse.url, 'webhook', {
    url: ingest('warehouse'),
    secret: TEST_SECRETS.warehouseWebhookSecret,
  });
  stack.payments = await startPaymentsSimulator({
    port: stack.payments.port,
    apiKey: TEST_SECRETS.paymentsApiKey,
    webhookUrl: ingest('payments'),
    webhookSecret: TEST_SECRETS.paymentsWebhookSecret,
    redelivery,
    seed: SEED,
  });
  stack.erp = await startErpSimulator({
    port: stack.erp.port,
    apiKey: TEST_SECRETS.erpApiKey,
    seed: SEED,
  });
  stack.crm = await startCrmSimulator({
    port: stack.crm.port,
    apiKey: TEST_SECRETS.crmApiKey,
    seed: SEED,
  });
  restarted.push(stack.commerce, stack.warehouse, stack.payments, stack.erp, stack.crm);
}

/** scripts/demo-reset.ts as `npm run demo` runs it, with the demo's variables for this stack. */
async function demoReset(): Promise<string> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', 'scripts/demo-reset.ts'],
    {
      env: {
        ...process.env,
        ...stack.env,
        DEMO_TENANT_SLUG: TENANT,
        DEMO_PASSWORD: TEST_SECRETS.password,
        COMMERCE_WEBHOOK_SECRET: TEST_SECRETS.webhookSecret,
        COMMERCE_SIM_URL: stack.commerce.url,
        WAREHOUSE_SIM_URL: stack.warehouse.url,
        WAREHOUSE_API_TOKEN: TEST_SECRETS.warehouseToken,
        WAREHOUSE_WEBHOOK_SECRET: TEST_SECRETS.warehouseWebhookSecret,
        PAYMENTS_SIM_URL: stack.payments.url,
        PAYMENTS_API_KEY: TEST_SECRETS.paymentsApiKey,
        PAYMENTS_WEBHOOK_SECRET: TEST_SECRETS.paymentsWebhookSecret,
        ERP_SIM_URL: stack.erp.url,
        ERP_API_KEY: TEST_SECRETS.erpApiKey,
        CRM_SIM_URL: stack.crm.url,
        CRM_API_KEY: TEST_SECRETS.crmApiKey,
      },
    },
  );
  return stdout;
}

const inboundIds = async () =>
  (await stack.db.inboundEvent.findMany({ where: { tenantId: stack.tenantId } })).map((e) => e.id);

describe('the demo started, stopped and started again', () => {
  let firstRun: { eventIds: string[]; erpPayments: string[]; inbound: string[] };

  it('first run: traffic through all five simulators', async () => {
    await traffic();
    firstRun = {
      eventIds: (await paymentsEvents(stack.payments.url)).map((e) => e.eventId),
      erpPayments: (await erpEffects(stack.erp.url))
        .filter((e) => e.kind === 'payment.posted')
        .map((e) => e.id),
      inbound: await inboundIds(),
    };
    expect(firstRun.eventIds.length).toBeGreaterThanOrEqual(ORDERS);
    expect(firstRun.erpPayments).toHaveLength(ORDERS);
  }, 240_000);

  it('stops, resets the demo ledger as the demo does, and starts fresh simulators', async () => {
    await stack.worker?.stop();
    await Promise.all(
      [stack.commerce, stack.warehouse, stack.payments, stack.erp, stack.crm].map((s) => s.close()),
    );
    const transactions = await stack.db.transaction.count({ where: { tenantId: stack.tenantId } });
    const line = await demoReset();
    expect(line).toMatch(
      new RegExp(`^demo: the simulators start empty, so the ledger of tenant ${TENANT} was reset`),
    );
    expect(line).toContain(`(${transactions} transactions and ${firstRun.inbound.length} inbound`);
    expect(await stack.db.transaction.count({ where: { tenantId: stack.tenantId } })).toBe(0);
    await restartSimulators();
    stack.startWorker();
  }, 60_000);

  it('second run: the same ids again, none recorded as a duplicate of the first run', async () => {
    await traffic();
    const eventIds = (await paymentsEvents(stack.payments.url)).map((e) => e.eventId);
    // the collision the reset exists for: the fresh simulators repeat the first run's ids
    expect(eventIds).toEqual(firstRun.eventIds);
    const erpPayments = (await erpEffects(stack.erp.url))
      .filter((e) => e.kind === 'payment.posted')
      .map((e) => e.id);
    expect(erpPayments).toEqual(firstRun.erpPayments);

    const duplicates = await stack.db.inboundEvent.findMany({
      where: { tenantId: stack.tenantId, status: 'duplicate' },
      select: { duplicateOfId: true },
    });
    const before = new Set(firstRun.inbound);
    expect(duplicates.filter((d) => d.duplicateOfId && before.has(d.duplicateOfId))).toEqual([]);
    expect(
      await stack.db.inboundEvent.count({
        where: {
          tenantId: stack.tenantId,
          connectionId: stack.connectionIds.payments ?? '',
          topic: 'payment_intent.succeeded',
          status: 'accepted',
        },
      }),
    ).toBe(ORDERS);
    // every payment reached the ERP's record of this run, under this run's reference
    const payments = await stack.db.transaction.findMany({
      where: { tenantId: stack.tenantId, flowId: stack.flowIds['payments-to-erp'] ?? '' },
      select: { status: true, externalRefs: true },
    });
    expect(payments.every((t) => t.status === 'completed')).toBe(true);
    expect(new Set(payments.map((t) => (t.externalRefs as Record<string, string>).erp))).toEqual(
      new Set(erpPayments),
    );
  }, 240_000);

  it('a reconciliation over both runs reports only the drift injected', async () => {
    const salesOrder = (await erpEffects(stack.erp.url)).find(
      (e) => e.kind === 'sales_order.created',
    );
    if (!salesOrder) throw new Error('no sales order');
    await editErpRecord(stack.erp.url, salesOrder.id, { status: 'CANCELLED' });

    const deps = {
      db: stack.db,
      keyRing: singleKeyRing(TEST_SECRETS.encryptionKey),
      providerTimeoutMs: 5000,
    };
    const flows = await listReconcilableFlows(stack.db, stack.tenantId);
    expect(flows.map((f) => f.key)).toEqual(
      expect.arrayContaining(['orders-paid-to-warehouse', 'orders-paid-to-erp', 'payments-to-erp']),
    );
    const drift: { flow: string; kind: string; providerRef: string | null }[] = [];
    for (const flow of flows) {
      const { runId } = await startReconciliationRun(stack.db, stack.tenantId, {
        flowId: flow.id,
        windowFrom,
        windowTo: new Date(Date.now() + 60_000),
        trigger: 'api',
        actor: { id: 'system', label: 'system' },
      });
      for (let i = 0; !(await runReconciliationChunk(deps, stack.tenantId, runId)).done; i++)
        if (i > 50) throw new Error(`${flow.key}: run did not finish`);
      const run = await stack.db.reconciliationRun.findUniqueOrThrow({ where: { id: runId } });
      expect(run.status, `${flow.key}: ${run.error ?? ''}`).toBe('completed');
      const items = await stack.db.driftItem.findMany({
        where: { tenantId: stack.tenantId, runId },
      });
      // a shipment's earlier statuses, overtaken at the storefront by its latest, are not drift
      for (const d of items)
        drift.push({ flow: flow.key, kind: d.kind, providerRef: d.providerRef });
    }
    expect(drift).toEqual([
      { flow: 'orders-paid-to-erp', kind: 'status_mismatch', providerRef: salesOrder.id },
    ]);
    expect((await verifyAuditChain(stack.db, stack.tenantId)).ok).toBe(true);
  }, 180_000);
});
