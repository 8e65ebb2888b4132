// Acceptance (issue 6, absence checks and alerts) through the real stack: web app, worker,
// simulators. The warehouse connection is paused while paid orders arrive, so their warehouse
// step cannot happen; past the SLA's deadline each order has a breach, and the alert rule on that
// SLA reaches the receiver once for the group, with the reason, however often it is evaluated.
// After resume the warehouse completes them and the breaches clear. Rules are created through the
// API, as an admin's script would. The deadline is reached by evaluating with a clock 31 minutes
// ahead (the worker's own minute passes see nothing late yet, so they cannot interfere).
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueApiToken } from '@/lib/api-tokens/issue-api-token';
import { evaluateAlerts } from '@/lib/alerts/evaluate-alerts';
import { singleKeyRing } from '@/lib/crypto/key-ring';
import { setConnectionPaused } from '@/lib/engine/pause';
import { createProducerRedis } from '@/lib/queue/connection';
import { createQueues, type QueueSet } from '@/lib/queue/queues';
import { drainWaker, type WakeDrains } from '@/lib/queue/wake-drains';
import { checkSlas } from '@/lib/sla/check-slas';
import { startAlertReceiver, type AlertReceiver } from './support/alert-receiver';
import { waitFor } from './support/processes';
import { createOrders } from './support/sims';
import { startStack, TEST_SECRETS, type Stack } from './support/stack';

const W = 'orders-paid-to-warehouse';
let stack: Stack;
let receiver: AlertReceiver;
let queues: QueueSet;
/** the waker the console hands the use cases: they wake the drains themselves */
let wake: WakeDrains;
let closeRedis: () => void;
let bearer: string;
let adminId: string;

beforeAll(async () => {
  stack = await startStack({ warehouseWorkflowStepMs: 0 });
  receiver = await startAlertReceiver();
  const redis = createProducerRedis(stack.redis.url);
  closeRedis = () => redis.disconnect();
  queues = createQueues(redis, stack.env.QUEUE_PREFIX ?? '');
  wake = drainWaker({ queues, log: console });
  const admin = await stack.db.user.findUniqueOrThrow({ where: { email: 'admin@acme.test' } });
  adminId = admin.id;
  const token = await issueApiToken(stack.db, stack.tenantId, {
    name: 'alerting setup',
    scopes: ['settings.manage'],
    expiry: '30',
    actor: { kind: 'user', userId: admin.id, name: admin.name },
  });
  bearer = token.secret;
}, 120_000);
afterAll(async () => {
  await queues?.close();
  closeRedis?.();
  await receiver?.close();
  await stack?.stop();
});

async function post<T>(path: string, body: unknown): Promise<T> {
  const response = await fetch(`${stack.web.url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (response.status !== 201) throw new Error(`${path} answered ${response.status}: ${text}`);
  return JSON.parse(text) as T;
}

const warehouseTxns = (where: object = {}) =>
  stack.db.transaction.findMany({
    where: { flowId: stack.flowIds[W] ?? '', ...where },
    select: { id: true, businessKey: true, status: true },
  });

describe('an SLA breach while the warehouse is paused', () => {
  it('is raised past the deadline, alerts once with the reason, and clears after resume', async () => {
    const actor = { id: adminId, label: 'Admin Acme' };
    const connectionId = stack.connectionIds.warehouse ?? '';
    await setConnectionPaused(stack.db, stack.tenantId, connectionId, true, {
      actor,
      reason: 'hold the warehouse past the SLA deadline',
      wake,
    });

    const sla = await post<{ id: string }>('/api/v1/sla-rules', {
      name: 'warehouse acknowledgement',
      expectFlowId: stack.flowIds[W],
      withinMinutes: 30,
    });
    const rule = await post<{ id: string; secret: string }>('/api/v1/alert-rules', {
      name: 'late fulfilments',
      kind: 'sla_breach',
      params: { slaRuleId: sla.id },
      webhookUrl: `${receiver.url}/waybill`,
      quietMinutes: 30,
    });
    expect(rule.secret).toMatch(/^whsec_/);

    const orders = await createOrders(stack.commerce.url, 3);
    await waitFor('three warehouse transactions held by the pause', async () => {
      const held = await warehouseTxns({ status: { in: ['paused', 'received'] } });
      return held.length === 3;
    });
    expect((await warehouseTxns()).map((t) => t.businessKey).sort()).toEqual(
      orders.map((o) => String(o.order_number)).sort(),
    );

    // 31 minutes later: three breaches, one alert however often the rules are evaluated
    const late = new Date(Date.now() + 31 * 60_000);
    const config = {
      keyRing: singleKeyRing(TEST_SECRETS.encryptionKey),
      timeoutMs: 2000,
      allowHosts: ['127.0.0.1'],
    };
    await checkSlas(stack.db, { tenantId: stack.tenantId, now: late });
    const open = await stack.db.slaBreach.findMany({ where: { ruleId: sla.id, clearedAt: null } });
    expect(open).toHaveLength(3);
    for (let minute = 0; minute < 4; minute++)
      await evaluateAlerts(stack.db, config, {
        tenantId: stack.tenantId,
        now: new Date(late.getTime() + minute * 60_000),
      });
    expect(receiver.deliveries).toHaveLength(1);
    const [delivery] = receiver.deliveries;
    expect(delivery?.body).toMatchObject({
      rule: { id: rule.id, kind: 'sla_breach' },
      reason: '3 orders past their SLA: warehouse acknowledgement within 30 min',
      errorClass: 'sla_breach',
      counts: { open: 3 },
    });
    // Standard Webhooks (the evaluation runs 31 minutes ahead, past the standardwebhooks
    // package's 5-minute tolerance: the signature is recomputed here instead)
    const h = delivery?.headers ?? {};
    const signed = `${String(h['webhook-id'])}.${String(h['webhook-timestamp'])}.${delivery?.raw}`;
    const key = Buffer.from(rule.secret.slice('whsec_'.length), 'base64');
    const mac = createHmac('sha256', key).update(signed).digest('base64');
    expect(h['webhook-signature']).toBe(`v1,${mac}`);

    // resume: the backlog drains, the warehouse completes the orders, the breaches clear
    await setConnectionPaused(stack.db, stack.tenantId, connectionId, false, { actor, wake });
    await waitFor(
      'the warehouse completes the three orders',
      async () => (await warehouseTxns({ status: 'completed' })).length === 3,
      60_000,
    );
    await checkSlas(stack.db, { tenantId: stack.tenantId, now: late });
    expect(await stack.db.slaBreach.count({ where: { ruleId: sla.id, clearedAt: null } })).toBe(0);
    await evaluateAlerts(stack.db, config, {
      tenantId: stack.tenantId,
      now: new Date(late.getTime() + 5 * 60_000),
    });
    const [event] = await stack.db.alertEvent.findMany({ where: { ruleId: rule.id } });
    expect(event?.resolvedAt).not.toBeNull();
    // one resolve message follows the alert
    expect(receiver.deliveries).toHaveLength(2);
    expect(receiver.deliveries[1]?.body).toMatchObject({ type: 'alert.resolved' });
  }, 150_000);
});
