// Every alert channel against a real ledger and a local receiver: a rule per channel, made through
// the use case (credentials sealed), fires when a connection's circuit opens and resolves when it
// closes. The webhook's Standard Webhooks signature verifies with the `standardwebhooks` package
// (with both secrets during a rotation's overlap); Slack gets Block Kit; PagerDuty a trigger and a
// resolve with one dedup_key; email reaches a local SMTP server (smtp-server) as two messages. A
// failed resolve is retried after its backoff.
import { Webhook } from 'standardwebhooks';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { tenantDb } from '@/lib/db';
import { startAlertReceiver, type AlertReceiver } from '@/test/support/alert-receiver';
import { startSmtpReceiver } from '@/test/support/smtp-receiver';
import { FIXTURE_KEY_RING, seededLedger, type SeededLedger } from '@/test/support/ledger-fixtures';
import { demoTenant, type FixtureTenant } from '@/test/support/overview-fixtures';
import {
  createAlertRule,
  rotateAlertRuleSecret,
  updateAlertRule,
  type AlertRuleDeps,
} from './alert-rules';
import { listAlertEvents, listAlertRules } from './alert-rules.presenter';
import { alertEventListSchema, alertRuleListSchema } from './alert-rules-responses';
import { evaluateAlerts, type EvaluateConfig } from './evaluate-alerts';

let ledger: SeededLedger;
let acme: FixtureTenant;
let receiver: AlertReceiver;
let by: { actor: { userId: string; name: string }; requestId: string };
const deps: AlertRuleDeps = { keyRing: FIXTURE_KEY_RING, allowHosts: ['127.0.0.1'] };
const config: EvaluateConfig = {
  keyRing: FIXTURE_KEY_RING,
  baseUrl: 'https://waybill.example.com',
  timeoutMs: 2000,
  allowHosts: ['127.0.0.1'],
};
// near the real clock: standardwebhooks refuses timestamps more than 5 minutes off
const start = new Date();
const at = (minutes: number) => new Date(start.getTime() + minutes * 60_000);

beforeAll(async () => {
  ledger = await seededLedger();
  acme = await demoTenant(ledger.db, 'acme');
  const admin = await ledger.db.user.findUniqueOrThrow({
    where: { email: 'admin@acme.test' },
    select: { id: true, name: true },
  });
  by = { actor: { userId: admin.id, name: admin.name }, requestId: 'req-channels-01' };
});
afterAll(async () => ledger?.drop());
beforeEach(async () => {
  receiver = await startAlertReceiver();
});
afterEach(async () => {
  await ledger.db.alertRule.updateMany({ data: { enabled: false } });
  await ledger.db.connection.updateMany({ data: { circuitState: 'closed' } });
  await receiver.close();
});

const scoped = () => tenantDb(ledger.db, acme.tenantId);
const circuit = (connection: string, state: 'open' | 'closed') =>
  scoped().connection.update({
    where: { id: acme.connections[connection] ?? '' },
    data: { circuitState: state, circuitChangedAt: start, circuitFailures: 5 },
  });
/** expect's asymmetric matchers are typed any; these name what they stand for */
const containing = (text: string): string => expect.stringContaining(text) as string;
const including = (items: unknown[]): unknown[] => expect.arrayContaining(items) as unknown[];
const evaluate = (now: Date) => evaluateAlerts(ledger.db, config, { tenantId: acme.tenantId, now });
const circuitRule = (connection: string) => ({
  name: `circuit ${connection}`,
  kind: 'circuit_open' as const,
  params: { connectionId: acme.connections[connection] ?? '' },
});

describe('the signed webhook', () => {
  it('sends a trigger and a resolve, both verifying with standardwebhooks', async () => {
    const rule = await createAlertRule(
      ledger.db,
      acme.tenantId,
      { ...circuitRule('warehouse'), webhookUrl: receiver.url },
      deps,
      by,
    );
    await circuit('warehouse', 'open');
    await evaluate(at(0));
    await evaluate(at(1)); // still open, within the quiet period: nothing new
    await circuit('warehouse', 'closed');
    await evaluate(at(2));
    await evaluate(at(3)); // resolved once, not again

    expect(receiver.deliveries).toHaveLength(2);
    const verifier = new Webhook(rule.secret ?? '');
    const [trigger, resolve] = receiver.deliveries.map((d) =>
      verifier.verify(d.raw, d.headers as Record<string, string>),
    );
    expect(trigger).toMatchObject({
      type: 'alert.triggered',
      rule: { id: rule.id, kind: 'circuit_open' },
      errorClass: 'circuit_open',
      resolvedAt: null,
      link: `https://waybill.example.com/connections/${acme.connections.warehouse}`,
    });
    expect(resolve).toMatchObject({
      type: 'alert.resolved',
      resolvedAt: at(2).toISOString(),
      // the same alert event, counted twice by then
      event: { id: (trigger as { event: { id: string } }).event.id, occurrences: 2 },
    });
    const ids = receiver.deliveries.map((d) => d.headers['webhook-id']);
    expect(new Set(ids).size).toBe(2);
    expect(receiver.deliveries[0]?.headers['webhook-timestamp']).toBe(
      String(Math.floor(start.getTime() / 1000)),
    );
    // a tampered body does not verify
    expect(() =>
      verifier.verify(
        receiver.deliveries[0]?.raw.replace('circuit_open', 'circuit_shut') ?? '',
        receiver.deliveries[0]?.headers as Record<string, string>,
      ),
    ).toThrow();
    const [event] = await listAlertEvents(ledger.db, acme.tenantId, { ruleId: rule.id });
    expect(event).toMatchObject({ state: 'delivered', resolveState: 'delivered' });
  });

  it('signs with both secrets during a rotation overlap, and with the new one only after', async () => {
    const rule = await createAlertRule(
      ledger.db,
      acme.tenantId,
      { ...circuitRule('erp'), webhookUrl: receiver.url },
      deps,
      by,
    );
    const rotated = await rotateAlertRuleSecret(ledger.db, acme.tenantId, rule.id, deps, {
      ...by,
      now: start,
      overlapMinutes: 2,
    });
    await circuit('erp', 'open');
    await evaluate(at(1)); // within the overlap
    await circuit('erp', 'closed');
    await evaluate(at(3)); // after it
    const [trigger, resolve] = receiver.deliveries;
    const headers = (d: typeof trigger) => d?.headers as Record<string, string>;
    expect(String(headers(trigger)['webhook-signature']).split(' ')).toHaveLength(2);
    for (const secret of [rotated.secret, rule.secret ?? ''])
      expect(new Webhook(secret).verify(trigger?.raw ?? '', headers(trigger))).toBeTruthy();
    expect(String(headers(resolve)['webhook-signature']).split(' ')).toHaveLength(1);
    expect(new Webhook(rotated.secret).verify(resolve?.raw ?? '', headers(resolve))).toBeTruthy();
    expect(() =>
      new Webhook(rule.secret ?? '').verify(resolve?.raw ?? '', headers(resolve)),
    ).toThrow();
  });
});

describe('Slack', () => {
  it('receives Block Kit with the reason, counts and a link, then a resolve', async () => {
    const rule = await createAlertRule(
      ledger.db,
      acme.tenantId,
      { ...circuitRule('crm'), channel: 'slack', slackWebhookUrl: `${receiver.url}/T0/B0/xyz` },
      deps,
      by,
    );
    expect(rule.secret).toBeNull();
    const stored = await scoped().alertRule.findUniqueOrThrow({ where: { id: rule.id } });
    expect(stored.destinationEncrypted).not.toContain('xyz');
    expect(JSON.stringify(stored.destination)).not.toContain('xyz');
    await circuit('crm', 'open');
    await evaluate(at(0));
    await circuit('crm', 'closed');
    await evaluate(at(1));
    expect(receiver.deliveries).toHaveLength(2);
    const [trigger, resolve] = receiver.deliveries.map((d) => d.body);
    expect(trigger).toMatchObject({
      text: containing('Alert: circuit crm'),
      blocks: [
        { type: 'header', text: { type: 'plain_text', text: 'Alert: circuit crm' } },
        {
          type: 'section',
          text: { type: 'mrkdwn', text: containing('circuit breaker opened') },
          fields: including([{ type: 'mrkdwn', text: '*failures*\n5' }]),
        },
        { type: 'context' },
        {
          type: 'actions',
          elements: [
            {
              type: 'button',
              url: `https://waybill.example.com/connections/${acme.connections.crm}`,
            },
          ],
        },
      ],
    });
    expect((resolve?.blocks as unknown[])[0]).toMatchObject({
      type: 'header',
      text: { text: 'Resolved: circuit crm' },
    });
  });
});

describe('PagerDuty', () => {
  it('receives a trigger and a resolve with one dedup_key', async () => {
    const rule = await createAlertRule(
      ledger.db,
      acme.tenantId,
      {
        ...circuitRule('commerce'),
        channel: 'pagerduty',
        pagerdutyRoutingKey: 'R0UT1NGKEY0000000000000000000000',
        pagerdutySeverity: 'critical',
        pagerdutyEndpoint: `${receiver.url}/v2/enqueue`,
      },
      deps,
      by,
    );
    await circuit('commerce', 'open');
    await evaluate(at(0));
    await circuit('commerce', 'closed');
    await evaluate(at(1));
    const [trigger, resolve] = receiver.deliveries.map((d) => d.body);
    const [event] = await listAlertEvents(ledger.db, acme.tenantId, { ruleId: rule.id });
    expect(trigger).toMatchObject({
      routing_key: 'R0UT1NGKEY0000000000000000000000',
      event_action: 'trigger',
      dedup_key: `waybill-alert-${event?.id}`,
      payload: {
        summary: containing('circuit commerce: Deliveries to'),
        severity: 'critical',
        source: 'waybill',
        custom_details: { counts: { failures: 5 }, occurrences: 1 },
      },
    });
    expect(resolve).toEqual({
      routing_key: 'R0UT1NGKEY0000000000000000000000',
      event_action: 'resolve',
      dedup_key: `waybill-alert-${event?.id}`,
    });
    // the routing key is in no audit entry
    const audit = await ledger.db.auditEntry.findMany({ where: { objectId: rule.id } });
    expect(
      JSON.stringify(audit, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v)),
    ).not.toContain('R0UT1NGKEY');
  });
});

describe('email', () => {
  it('reaches an SMTP server as a trigger and a resolve', async () => {
    const smtp = await startSmtpReceiver();
    const { received } = smtp;
    try {
      await createAlertRule(
        ledger.db,
        acme.tenantId,
        {
          ...circuitRule('payments'),
          channel: 'email',
          emailRecipients: ['Ops@Acme.test', 'oncall@acme.test'],
        },
        deps,
        by,
      );
      const withSmtp = {
        ...config,
        smtp: { url: smtp.url, from: 'alerts@waybill.test' },
      };
      await circuit('payments', 'open');
      await evaluateAlerts(ledger.db, withSmtp, { tenantId: acme.tenantId, now: at(0) });
      await circuit('payments', 'closed');
      await evaluateAlerts(ledger.db, withSmtp, { tenantId: acme.tenantId, now: at(1) });
    } finally {
      await smtp.close();
    }
    expect(received).toHaveLength(2);
    expect(received[0]).toMatchObject({
      to: ['ops@acme.test', 'oncall@acme.test'],
      subject: '[Waybill] Alert: circuit payments',
      text: containing('circuit breaker opened'),
    });
    expect(received[0]?.text).toContain(
      `Open in Waybill: https://waybill.example.com/connections/${acme.connections.payments}`,
    );
    expect(received[1]).toMatchObject({
      subject: '[Waybill] Resolved: circuit payments',
      text: containing('Resolved at:'),
    });
  });
});

describe('a resolve that fails', () => {
  it('is recorded and retried after its backoff', async () => {
    const rule = await createAlertRule(
      ledger.db,
      acme.tenantId,
      { ...circuitRule('warehouse'), webhookUrl: receiver.url },
      deps,
      by,
    );
    await circuit('warehouse', 'open');
    await evaluate(at(0));
    await circuit('warehouse', 'closed');
    receiver.down();
    await evaluate(at(1));
    let [event] = await listAlertEvents(ledger.db, acme.tenantId, { ruleId: rule.id });
    expect(event).toMatchObject({
      resolveState: 'failed',
      resolveDeliveryError: 'the receiver answered HTTP 503',
      deliveryAttempts: 1,
      retryAt: at(2).toISOString(),
    });
    receiver.up();
    await evaluate(at(1.5)); // before the backoff: nothing
    expect(receiver.deliveries).toHaveLength(1);
    await evaluate(at(2));
    [event] = await listAlertEvents(ledger.db, acme.tenantId, { ruleId: rule.id });
    expect(event).toMatchObject({ resolveState: 'delivered', deliveryAttempts: 0, retryAt: null });
    expect(receiver.deliveries.map((d) => d.body.type)).toEqual([
      'alert.triggered',
      'alert.resolved',
    ]);
  });
});

describe('configuration', () => {
  it('answers every channel in the API response shape, credentials never in the list or the audit', async () => {
    const slack = await createAlertRule(
      ledger.db,
      acme.tenantId,
      {
        ...circuitRule('crm'),
        channel: 'slack',
        slackWebhookUrl: 'https://hooks.slack.com/services/T1/B1/FIRSTTOKEN',
      },
      deps,
      by,
    );
    const changed = await updateAlertRule(
      ledger.db,
      acme.tenantId,
      slack.id,
      { slackWebhookUrl: 'https://hooks.slack.com/services/T1/B1/SECONDTOKEN' },
      deps,
      by,
    );
    expect(changed.changed).toEqual(['destination']);
    const same = await updateAlertRule(
      ledger.db,
      acme.tenantId,
      slack.id,
      { slackWebhookUrl: 'https://hooks.slack.com/services/T1/B1/SECONDTOKEN' },
      deps,
      by,
    );
    expect(same.changed).toEqual([]);
    await expect(
      rotateAlertRuleSecret(ledger.db, acme.tenantId, slack.id, deps, by),
    ).rejects.toThrow('only webhook alert rules have a signing secret');

    const listed = await listAlertRules(ledger.db, acme.tenantId);
    // the wire shapes of GET /api/v1/alert-rules and /alert-events (ADR 0022)
    alertRuleListSchema.parse({ rules: listed.rules });
    alertEventListSchema.parse({ events: listed.events });
    expect(listed.rules.find((r) => r.id === slack.id)).toMatchObject({
      channel: 'slack',
      destination: { channel: 'slack', origin: 'https://hooks.slack.com' },
      webhook: null,
      secret: { set: false },
    });
    const audit = await ledger.db.auditEntry.findMany({
      where: { objectId: slack.id },
      orderBy: { seq: 'asc' },
    });
    expect(audit.map((e) => e.action)).toEqual(['alert_rule.created', 'alert_rule.updated']);
    expect(audit[1]?.before).toMatchObject({
      channel: 'slack',
      destination: { origin: 'https://hooks.slack.com' },
    });
    const text = JSON.stringify([audit, listed], (_k, v: unknown) =>
      typeof v === 'bigint' ? String(v) : v,
    );
    for (const part of ['FIRSTTOKEN', 'SECONDTOKEN', 'R0UT1NGKEY'])
      expect(text).not.toContain(part);
  });
});
