// Alert evaluation against a real ledger and a real webhook receiver: an SLA breach alert reaches
// the receiver once per group with the reason, however often it is evaluated within the quiet
// period; a receiver that is down gets the alert at a later evaluation; the other kinds find what
// they describe.
import { createHmac } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { tenantDb } from '@/lib/db';
import { checkSlas } from '@/lib/sla/check-slas';
import { startAlertReceiver, type AlertReceiver } from '@/test/support/alert-receiver';
import { FIXTURE_KEY_RING, seededLedger, type SeededLedger } from '@/test/support/ledger-fixtures';
import { demoTenant, placeTransaction, type FixtureTenant } from '@/test/support/overview-fixtures';
import { evaluateAlerts, type EvaluateConfig } from './evaluate-alerts';

const W = 'orders-paid-to-warehouse';
const start = new Date();
const at = (minutes: number) => new Date(start.getTime() + minutes * 60_000);
const SECRET = 'alert-signing-secret';

let ledger: SeededLedger;
let acme: FixtureTenant;
let receiver: AlertReceiver;
let config: EvaluateConfig;

beforeAll(async () => {
  ledger = await seededLedger();
  acme = await demoTenant(ledger.db, 'acme');
});
afterAll(async () => ledger?.drop());
beforeEach(async () => {
  receiver = await startAlertReceiver();
  config = {
    keyRing: FIXTURE_KEY_RING,
    baseUrl: 'https://waybill.example.com',
    timeoutMs: 2000,
    // the receiver listens on loopback, which the SSRF guard refuses unless allowed
    allowHosts: ['127.0.0.1'],
  };
});
afterEach(async () => {
  // rules of one test must not alert in the next
  await tenantDb(ledger.db, acme.tenantId).alertRule.updateMany({ data: { enabled: false } });
  await receiver.close();
});

const scoped = () => tenantDb(ledger.db, acme.tenantId);

function alertRule(kind: string, params: object, extra: { secret?: string; url?: string } = {}) {
  return scoped().alertRule.create({
    data: {
      tenantId: acme.tenantId,
      name: `${kind} rule`,
      kind,
      params,
      webhookUrl: extra.url ?? receiver.url,
      secretEncrypted: extra.secret ? FIXTURE_KEY_RING.seal(extra.secret) : null,
      quietMinutes: 30,
    },
    select: { id: true },
  });
}

/** An SLA rule on the warehouse flow and paused orders placed 45 minutes ago: late past it. */
async function lateWarehouseOrders(name: string, keys: string[]) {
  const sla = await scoped().slaRule.create({
    data: { tenantId: acme.tenantId, name, expectFlowId: acme.flows[W] ?? '', withinMinutes: 30 },
    select: { id: true },
  });
  const paused = [];
  for (const businessKey of keys)
    paused.push(
      await placeTransaction(acme, { flow: W, status: 'paused', createdAt: at(-45), businessKey }),
    );
  return { sla, paused };
}

const eventsOf = (ruleId: string) =>
  scoped().alertEvent.findMany({ where: { ruleId }, orderBy: { firstAt: 'asc' } });

describe('an SLA breach alert', () => {
  it('reaches the receiver once per group with the reason, then resolves when cleared', async () => {
    const { sla, paused } = await lateWarehouseOrders('warehouse acknowledgement', [
      'S-1',
      'S-2',
      'S-3',
    ]);
    await checkSlas(ledger.db, { tenantId: acme.tenantId, now: start });
    const { id } = await alertRule('sla_breach', { slaRuleId: sla.id }, { secret: SECRET });

    for (let minute = 0; minute < 5; minute++)
      await evaluateAlerts(ledger.db, config, { tenantId: acme.tenantId, now: at(minute) });

    expect(receiver.deliveries).toHaveLength(1);
    const [delivery] = receiver.deliveries;
    expect(delivery?.body).toMatchObject({
      rule: { id, kind: 'sla_breach' },
      reason: '3 orders past their SLA: warehouse acknowledgement within 30 min',
      errorClass: 'sla_breach',
      counts: { open: 3 },
      firstAt: start.toISOString(),
      link: 'https://waybill.example.com/errors',
    });
    // Standard Webhooks: v1,<base64 HMAC-SHA256 of "id.timestamp.body"> keyed by the secret's bytes
    const messageId = String(delivery?.headers['webhook-id']);
    const t = String(delivery?.headers['webhook-timestamp']);
    const mac = createHmac('sha256', Buffer.from(SECRET, 'base64'))
      .update(`${messageId}.${t}.${delivery?.raw}`)
      .digest('base64');
    expect(delivery?.headers['webhook-signature']).toBe(`v1,${mac}`);
    const [event] = await eventsOf(id);
    expect(event).toMatchObject({ groupKey: `sla:${sla.id}`, occurrences: 5, resolvedAt: null });
    expect(event?.deliveredAt?.getTime()).toBe(start.getTime());

    // the warehouse resumes, the breaches clear, the alert resolves with one resolve message
    await scoped().transaction.updateMany({
      where: { id: { in: paused } },
      data: { status: 'completed', completedAt: at(5) },
    });
    await checkSlas(ledger.db, { tenantId: acme.tenantId, now: at(5) });
    await evaluateAlerts(ledger.db, config, { tenantId: acme.tenantId, now: at(6) });
    await evaluateAlerts(ledger.db, config, { tenantId: acme.tenantId, now: at(7) });
    const [resolved] = await eventsOf(id);
    expect(resolved?.resolvedAt?.getTime()).toBe(at(6).getTime());
    expect(resolved?.resolveDeliveredAt?.getTime()).toBe(at(6).getTime());
    expect(receiver.deliveries).toHaveLength(2);
    expect(receiver.deliveries[1]?.body).toMatchObject({
      type: 'alert.resolved',
      rule: { id },
      resolvedAt: at(6).toISOString(),
      link: 'https://waybill.example.com/errors',
    });
  });
});

describe('overlapping passes', () => {
  it('send one trigger and one resolve however many passes run at once', async () => {
    const { sla, paused } = await lateWarehouseOrders('warehouse acknowledgement (overlap)', [
      'O-1',
      'O-2',
    ]);
    await checkSlas(ledger.db, { tenantId: acme.tenantId, now: start });
    const { id } = await alertRule('sla_breach', { slaRuleId: sla.id });
    // several workers (or an operator's run beside the scheduled one) evaluating at the same time
    const passes = (now: Date) =>
      Promise.all(
        Array.from({ length: 6 }, () =>
          evaluateAlerts(ledger.db, config, { tenantId: acme.tenantId, now }),
        ),
      );

    const opened = await passes(at(0));
    expect(opened.reduce((sum, o) => sum + o.opened, 0)).toBe(1);
    expect(receiver.deliveries).toHaveLength(1);
    expect(await eventsOf(id)).toHaveLength(1);
    await passes(at(1));
    expect(receiver.deliveries).toHaveLength(1);
    const [counted] = await eventsOf(id);
    // every pass that saw the event counted itself once: the first pass's open, then one each
    expect(counted?.occurrences).toBeGreaterThanOrEqual(2);
    expect(counted?.occurrences).toBeLessThanOrEqual(7);

    await scoped().transaction.updateMany({
      where: { id: { in: paused } },
      data: { status: 'completed', completedAt: at(2) },
    });
    await checkSlas(ledger.db, { tenantId: acme.tenantId, now: at(2) });
    const resolved = await passes(at(3));
    expect(resolved.reduce((sum, o) => sum + o.resolved, 0)).toBe(1);
    expect(receiver.deliveries).toHaveLength(2);
    expect(receiver.deliveries[1]?.body).toMatchObject({ type: 'alert.resolved', rule: { id } });
  });
});

describe('delivery failures', () => {
  it('records the error and delivers at a later evaluation', async () => {
    const connectionId = acme.connections.warehouse ?? '';
    await scoped().connection.update({
      where: { id: connectionId },
      data: { circuitState: 'open', circuitChangedAt: start, circuitFailures: 5 },
    });
    const { id } = await alertRule('circuit_open', { connectionId });
    receiver.down();
    await evaluateAlerts(ledger.db, config, { tenantId: acme.tenantId, now: at(0) });
    let [event] = await eventsOf(id);
    expect(event).toMatchObject({
      deliveredAt: null,
      deliveryError: 'the receiver answered HTTP 503',
    });
    expect(receiver.refused).toBe(1);

    receiver.up();
    // the first retry waits one minute (then 2, 4, … 30)
    expect(event?.retryAt?.getTime()).toBe(at(1).getTime());
    await evaluateAlerts(ledger.db, config, { tenantId: acme.tenantId, now: at(0.5) });
    expect(receiver.deliveries).toHaveLength(0);
    await evaluateAlerts(ledger.db, config, { tenantId: acme.tenantId, now: at(1) });
    await evaluateAlerts(ledger.db, config, { tenantId: acme.tenantId, now: at(2) });
    [event] = await eventsOf(id);
    expect(event).toMatchObject({ deliveryError: null, occurrences: 4, retryAt: null });
    expect(event?.deliveredAt?.getTime()).toBe(at(1).getTime());
    expect(receiver.deliveries).toHaveLength(1);
    expect(receiver.deliveries[0]?.body).toMatchObject({
      errorClass: 'circuit_open',
      link: `https://waybill.example.com/connections/${connectionId}`,
    });
    // an unsigned rule (no secret): id and timestamp, no signature
    expect(receiver.deliveries[0]?.headers['webhook-signature']).toBeUndefined();
    expect(receiver.deliveries[0]?.headers['webhook-id']).toMatch(/^msg_/);
    await scoped().connection.update({
      where: { id: connectionId },
      data: { circuitState: 'closed' },
    });
  });

  it('says so when nothing listens, and never throws into the job', async () => {
    await scoped().connection.update({
      where: { id: acme.connections.warehouse ?? '' },
      data: { circuitState: 'open' },
    });
    // a port nothing listens on (not 9: fetch refuses the "bad ports" before connecting)
    const closed = await startAlertReceiver();
    await closed.close();
    const { id } = await alertRule('circuit_open', {}, { url: closed.url });
    const outcome = await evaluateAlerts(ledger.db, config, {
      tenantId: acme.tenantId,
      now: start,
    });
    expect(outcome).toMatchObject({ opened: 1, delivered: 0, failedDeliveries: 1 });
    const [event] = await eventsOf(id);
    expect(event?.deliveryError).toBe('the receiver refused the connection');
    await scoped().connection.update({
      where: { id: acme.connections.warehouse ?? '' },
      data: { circuitState: 'closed' },
    });
  });

  it('skips a rule whose parameters are invalid and evaluates the others', async () => {
    const bad = await alertRule('failure_rate', { ratePercent: 500 });
    const outcome = await evaluateAlerts(ledger.db, config, {
      tenantId: acme.tenantId,
      now: start,
    });
    expect(Object.keys(outcome.skipped)).toEqual([bad.id]);
  });
});

describe('the other kinds', () => {
  it('failure rate: the flow’s failed share in the window, with its commonest class', async () => {
    const flow = 'orders-paid-to-crm';
    const flowId = acme.flows[flow] ?? '';
    for (let i = 0; i < 7; i++)
      await placeTransaction(acme, { flow, status: 'completed', createdAt: at(-5) });
    for (const errorClass of ['validation', 'validation', 'auth'] as const)
      await placeTransaction(acme, { flow, status: 'failed', errorClass, createdAt: at(-5) });
    await placeTransaction(acme, {
      flow,
      status: 'failed',
      errorClass: 'auth',
      createdAt: at(-60),
    });
    const { id } = await alertRule('failure_rate', { flowId, ratePercent: 30, windowMinutes: 15 });
    await evaluateAlerts(ledger.db, config, { tenantId: acme.tenantId, now: start });
    expect(receiver.deliveries[0]?.body).toMatchObject({
      errorClass: 'validation',
      counts: { failed: 3, total: 10 },
    });
    expect(String(receiver.deliveries[0]?.body.reason)).toMatch(
      /^30 % of .+ transactions failed or need review in the last 15 min \(3 of 10; threshold 30 %\)$/,
    );
    expect((await eventsOf(id))[0]?.groupKey).toBe(`flow:${flowId}`);
  });

  it('backlog age: the oldest due delivery of a connection', async () => {
    const flow = 'payments-to-erp';
    await placeTransaction(acme, { flow, status: 'received', createdAt: at(-25) });
    await placeTransaction(acme, { flow, status: 'received', createdAt: at(-2) });
    const erp = acme.connections.erp ?? '';
    await alertRule('backlog_age', { connectionId: erp, olderThanMinutes: 20 });
    await evaluateAlerts(ledger.db, config, { tenantId: acme.tenantId, now: start });
    expect(receiver.deliveries).toHaveLength(1);
    expect(receiver.deliveries[0]?.body).toMatchObject({
      counts: { oldestAgeMinutes: 25 },
    });
    expect(String(receiver.deliveries[0]?.body.reason)).toContain(
      'has waited 25 min (threshold 20 min)',
    );
  });

  it('reconciliation drift: the latest finished run above the threshold, resolved by a clean one', async () => {
    const flowId = acme.flows['orders-paid-to-erp'] ?? '';
    const run = (drifted: number, createdAt: Date, status: 'completed' | 'running' = 'completed') =>
      scoped().reconciliationRun.create({
        data: {
          tenantId: acme.tenantId,
          flowId,
          windowFrom: at(-1440),
          windowTo: at(-60),
          trigger: 'schedule',
          requestedBy: 'schedule',
          status,
          listed: 40,
          drifted,
          createdAt,
          finishedAt: createdAt,
        },
        select: { id: true },
      });
    const drifty = await run(7, at(-10));
    await run(0, at(-5), 'running'); // not finished: does not count
    const { id } = await alertRule('reconciliation_drift', { flowId, minDriftItems: 5 });
    await evaluateAlerts(ledger.db, config, { tenantId: acme.tenantId, now: start });
    expect(receiver.deliveries).toHaveLength(1);
    expect(receiver.deliveries[0]?.body).toMatchObject({
      type: 'alert.triggered',
      errorClass: 'reconciliation_drift',
      counts: { drifted: 7, listed: 40 },
      link: `https://waybill.example.com/reconciliation/runs/${drifty.id}`,
    });
    expect(String(receiver.deliveries[0]?.body.reason)).toMatch(
      /^The latest reconciliation of .+ found 7 drift item\(s\) in 40 record\(s\) \(threshold 5\)$/,
    );
    expect((await eventsOf(id))[0]?.groupKey).toBe(`drift:${flowId}`);

    // the next run is clean: one resolve
    await run(1, at(1));
    await evaluateAlerts(ledger.db, config, { tenantId: acme.tenantId, now: at(2) });
    expect(receiver.deliveries.map((d) => d.body.type)).toEqual([
      'alert.triggered',
      'alert.resolved',
    ]);
    expect(receiver.deliveries[1]?.body.link).toBe('https://waybill.example.com/reconciliation');
  });
});
