// Alert rule configuration against a real ledger and a real receiver: the signing secret is
// answered once, stored sealed and never in the audit log; every change is audited in its own
// transaction; another tenant's ids answer "not found" and change nothing; an internal webhook URL
// is refused when saved; and at delivery a host name that resolves to loopback records a delivery
// error without any request reaching the receiver.
import { Webhook } from 'standardwebhooks';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { REDACTED } from '@/lib/audit';
import { tenantDb } from '@/lib/db';
import { isAppError } from '@/lib/errors';
import { createSlaRule } from '@/lib/sla/sla-rules';
import { startAlertReceiver, type AlertReceiver } from '@/test/support/alert-receiver';
import { FIXTURE_KEY_RING, seededLedger, type SeededLedger } from '@/test/support/ledger-fixtures';
import { demoTenant, type FixtureTenant } from '@/test/support/overview-fixtures';
import {
  createAlertRule,
  deleteAlertRule,
  rotateAlertRuleSecret,
  updateAlertRule,
  type AlertRuleDeps,
} from './alert-rules';
import { listAlertRules } from './alert-rules.presenter';
import { evaluateAlerts } from './evaluate-alerts';
import type { Lookup } from './webhook-url';

const W = 'orders-paid-to-warehouse';

let ledger: SeededLedger;
let acme: FixtureTenant;
let globex: FixtureTenant;
let receiver: AlertReceiver;
let by: { actor: { userId: string; name: string }; requestId: string };
/** the receiver listens on loopback: only these deps may save a rule pointing at it */
const loopbackAllowed: AlertRuleDeps = { keyRing: FIXTURE_KEY_RING, allowHosts: ['127.0.0.1'] };
const strict: AlertRuleDeps = { keyRing: FIXTURE_KEY_RING, allowHosts: [] };

beforeAll(async () => {
  ledger = await seededLedger();
  acme = await demoTenant(ledger.db, 'acme');
  globex = await demoTenant(ledger.db, 'globex');
  const admin = await ledger.db.user.findUniqueOrThrow({
    where: { email: 'admin@acme.test' },
    select: { id: true, name: true },
  });
  by = { actor: { userId: admin.id, name: admin.name }, requestId: 'req-alert-0001' };
});
afterAll(async () => ledger?.drop());
beforeEach(async () => {
  receiver = await startAlertReceiver();
});
afterEach(async () => {
  await ledger.db.alertRule.updateMany({ data: { enabled: false } });
  await receiver.close();
});

const auditOf = (tenantId: string, objectId: string) =>
  ledger.db.auditEntry.findMany({ where: { tenantId, objectId }, orderBy: { seq: 'asc' } });

async function code(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (isAppError(error)) return error.code;
    throw error;
  }
  return 'no error';
}

const circuitRule = (url: string, name = 'circuit watch') => ({
  name,
  kind: 'circuit_open' as const,
  params: {},
  webhookUrl: url,
});

/** An SLA rule of acme with `open` open breaches: something an sla_breach rule alerts about. */
async function breachedSlaRule(name: string, open: number) {
  const sla = await createSlaRule(
    ledger.db,
    acme.tenantId,
    { name, expectFlowId: acme.flows[W] ?? '', withinMinutes: 30 },
    by,
  );
  const due = new Date(Date.now() - 60_000);
  await tenantDb(ledger.db, acme.tenantId).slaBreach.createMany({
    data: Array.from({ length: open }, (_, i) => ({
      tenantId: acme.tenantId,
      ruleId: sla.id,
      businessKey: `${name}-${i}`,
      dueAt: due,
    })),
  });
  return sla;
}

describe('the signing secret', () => {
  it('is answered on create and rotate only, stored sealed, and redacted in the audit log', async () => {
    const created = await createAlertRule(
      ledger.db,
      acme.tenantId,
      circuitRule('https://alerts.example.com/hook?key=abc'),
      strict,
      by,
    );
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const stored = await ledger.db.alertRule.findUniqueOrThrow({ where: { id: created.id } });
    expect(stored.secretEncrypted).not.toContain(created.secret);
    expect(FIXTURE_KEY_RING.open(stored.secretEncrypted ?? '')).toBe(created.secret);

    const rotated = await rotateAlertRuleSecret(ledger.db, acme.tenantId, created.id, strict, by);
    expect(rotated.secret).not.toBe(created.secret);
    const reopened = await ledger.db.alertRule.findUniqueOrThrow({ where: { id: created.id } });
    expect(FIXTURE_KEY_RING.open(reopened.secretEncrypted ?? '')).toBe(rotated.secret);

    const entries = await auditOf(acme.tenantId, created.id);
    expect(entries.map((e) => e.action)).toEqual([
      'alert_rule.created',
      'alert_rule.secret_rotated',
    ]);
    expect(entries[0]).toMatchObject({
      objectType: 'alert_rule',
      actorUserId: by.actor.userId,
      requestId: 'req-alert-0001',
      before: null,
      after: {
        name: 'circuit watch',
        kind: 'circuit_open',
        webhookOrigin: 'https://alerts.example.com',
        signingSecret: REDACTED,
        enabled: true,
        quietMinutes: 30,
      },
    });
    expect(entries[1]?.after).toMatchObject({ signingSecret: REDACTED });
    const everything = JSON.stringify(
      await ledger.db.auditEntry.findMany({ where: { tenantId: acme.tenantId } }),
      (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v),
    );
    for (const secret of [created.secret, rotated.secret, stored.secretEncrypted ?? 'x'])
      expect(everything).not.toContain(secret);
    // the webhook's query (often a credential itself) stays out of the log too
    expect(everything).not.toContain('key=abc');

    const { rules } = await listAlertRules(ledger.db, acme.tenantId);
    const listed = rules.find((r) => r.id === created.id);
    expect(listed?.secret).toEqual({
      set: true,
      rotatedAt: rotated.rotatedAt.toISOString(),
      // the first secret still signs beside the new one for a day
      previousUntil: rotated.previousUntil?.toISOString(),
    });
    expect(rotated.previousUntil?.getTime()).toBe(rotated.rotatedAt.getTime() + 24 * 3_600_000);
    expect(JSON.stringify(rules)).not.toContain(rotated.secret);
    expect(JSON.stringify(rules)).not.toContain(reopened.secretEncrypted);
    // nor the list: the webhook as origin and fingerprint, like the audit log
    expect(listed?.webhook?.origin).toBe('https://alerts.example.com');
    expect(listed?.webhook?.fingerprint).toMatch(/^[0-9a-f]{12}$/);
    expect(JSON.stringify(rules)).not.toContain('key=abc');
  });
});

describe('changes', () => {
  it('update audits before and after; a change of nothing records nothing; delete audits', async () => {
    const sla = await breachedSlaRule('for update', 0);
    const { id } = await createAlertRule(
      ledger.db,
      acme.tenantId,
      {
        name: 'sla',
        kind: 'sla_breach',
        params: { slaRuleId: sla.id },
        webhookUrl: 'https://a.example.com/',
      },
      strict,
      by,
    );
    expect(
      (await updateAlertRule(ledger.db, acme.tenantId, id, { name: 'sla' }, strict, by)).changed,
    ).toEqual([]);
    const updated = await updateAlertRule(
      ledger.db,
      acme.tenantId,
      id,
      { params: { slaRuleId: sla.id, minBreaches: 3 }, quietMinutes: 60 },
      strict,
      by,
    );
    expect(updated.changed).toEqual(['params', 'quietMinutes']);
    await deleteAlertRule(ledger.db, acme.tenantId, id, by);
    const entries = await auditOf(acme.tenantId, id);
    expect(entries.map((e) => e.action)).toEqual([
      'alert_rule.created',
      'alert_rule.updated',
      'alert_rule.deleted',
    ]);
    expect(entries[1]?.before).toMatchObject({ quietMinutes: 30, params: { minBreaches: 1 } });
    expect(entries[1]?.after).toMatchObject({ quietMinutes: 60, params: { minBreaches: 3 } });
    expect(entries[2]).toMatchObject({ after: null, before: { name: 'sla' } });
    expect(await ledger.db.alertRule.findUnique({ where: { id } })).toBeNull();
  });

  it("answers not found for another tenant's rule, exactly like a missing one, and changes nothing", async () => {
    const theirs = await createAlertRule(
      ledger.db,
      globex.tenantId,
      circuitRule('https://globex.example.com/hook', 'globex circuit'),
      strict,
      by,
    );
    const before = await ledger.db.alertRule.findUniqueOrThrow({ where: { id: theirs.id } });
    const acmeAudit = await ledger.db.auditEntry.count({ where: { tenantId: acme.tenantId } });
    for (const id of [theirs.id, '0193a5b0-0000-7000-8000-0000000000ff']) {
      expect(
        await code(updateAlertRule(ledger.db, acme.tenantId, id, { enabled: false }, strict, by)),
      ).toBe('NOT_FOUND');
      expect(await code(rotateAlertRuleSecret(ledger.db, acme.tenantId, id, strict, by))).toBe(
        'NOT_FOUND',
      );
      expect(await code(deleteAlertRule(ledger.db, acme.tenantId, id, by))).toBe('NOT_FOUND');
    }
    expect(await ledger.db.alertRule.findUniqueOrThrow({ where: { id: theirs.id } })).toEqual(
      before,
    );
    expect(await ledger.db.auditEntry.count({ where: { tenantId: acme.tenantId } })).toBe(
      acmeAudit,
    );
    expect((await listAlertRules(ledger.db, acme.tenantId)).rules.map((r) => r.id)).not.toContain(
      theirs.id,
    );
  });

  it("refuses parameters that name another tenant's flow or connection", async () => {
    const foreignFlow = { flowId: globex.flows[W], ratePercent: 10 };
    expect(
      await code(
        createAlertRule(
          ledger.db,
          acme.tenantId,
          {
            name: 'x',
            kind: 'failure_rate',
            params: foreignFlow,
            webhookUrl: 'https://a.example.com/',
          },
          strict,
          by,
        ),
      ),
    ).toBe('NOT_FOUND');
    const foreignConnection = { connectionId: Object.values(globex.connections)[0] };
    expect(
      await code(
        createAlertRule(
          ledger.db,
          acme.tenantId,
          {
            name: 'x',
            kind: 'circuit_open',
            params: foreignConnection,
            webhookUrl: 'https://a.example.com/',
          },
          strict,
          by,
        ),
      ),
    ).toBe('NOT_FOUND');
    expect(await tenantDb(ledger.db, acme.tenantId).alertRule.count({ where: { name: 'x' } })).toBe(
      0,
    );
  });
});

describe('the SSRF guard', () => {
  it.each([
    'http://169.254.169.254/latest/meta-data/',
    'http://localhost:6379/',
    'http://10.0.0.8/hook',
    'http://[::1]/hook',
    'https://user:pw@alerts.example.com/',
    'gopher://alerts.example.com/',
  ])('refuses %s when the rule is saved, writing nothing', async (url) => {
    const rules = await ledger.db.alertRule.count();
    const audit = await ledger.db.auditEntry.count({ where: { tenantId: acme.tenantId } });
    expect(
      await code(createAlertRule(ledger.db, acme.tenantId, circuitRule(url), strict, by)),
    ).toBe('VALIDATION_FAILED');
    expect(await ledger.db.alertRule.count()).toBe(rules);
    expect(await ledger.db.auditEntry.count({ where: { tenantId: acme.tenantId } })).toBe(audit);
  });

  it('refuses an internal URL on update as well', async () => {
    const { id } = await createAlertRule(
      ledger.db,
      acme.tenantId,
      circuitRule('https://b.example.com/'),
      strict,
      by,
    );
    expect(
      await code(
        updateAlertRule(
          ledger.db,
          acme.tenantId,
          id,
          { webhookUrl: 'http://127.0.0.1/' },
          strict,
          by,
        ),
      ),
    ).toBe('VALIDATION_FAILED');
    const stored = await ledger.db.alertRule.findUniqueOrThrow({ where: { id } });
    expect(stored.webhookUrl).toBe('https://b.example.com/');
  });

  it('delivers to an allowed loopback receiver, signed with the secret answered at create', async () => {
    const sla = await breachedSlaRule('allowed delivery', 2);
    const created = await createAlertRule(
      ledger.db,
      acme.tenantId,
      {
        name: 'to receiver',
        kind: 'sla_breach',
        params: { slaRuleId: sla.id },
        webhookUrl: receiver.url,
      },
      loopbackAllowed,
      by,
    );
    await evaluateAlerts(
      ledger.db,
      { keyRing: FIXTURE_KEY_RING, timeoutMs: 2000, allowHosts: ['127.0.0.1'] },
      { tenantId: acme.tenantId },
    );
    expect(receiver.deliveries).toHaveLength(1);
    const [delivery] = receiver.deliveries;
    // Standard Webhooks, verified with the specification's own library
    const verified = new Webhook(created.secret ?? '').verify(
      delivery?.raw ?? '',
      delivery?.headers as Record<string, string>,
    );
    expect(verified).toMatchObject({ type: 'alert.triggered', rule: { id: created.id } });
  });

  it('at delivery, refuses a host name resolving to loopback: a delivery error, no request', async () => {
    const sla = await breachedSlaRule('rebinding', 1);
    const port = new URL(receiver.url).port;
    // Saved before the guard existed (or with a name that resolved publicly then): written directly.
    const rule = await tenantDb(ledger.db, acme.tenantId).alertRule.create({
      data: {
        tenantId: acme.tenantId,
        name: 'through localhost',
        kind: 'sla_breach',
        params: { slaRuleId: sla.id },
        webhookUrl: `http://localhost:${port}/alerts`,
        secretEncrypted: FIXTURE_KEY_RING.seal('whsec_test'),
      },
      select: { id: true },
    });
    // The demo's allow list names 127.0.0.1, not "localhost": the name itself is still refused.
    const outcome = await evaluateAlerts(
      ledger.db,
      { keyRing: FIXTURE_KEY_RING, timeoutMs: 2000, allowHosts: [] },
      { tenantId: acme.tenantId },
    );
    expect(outcome.failedDeliveries).toBeGreaterThanOrEqual(1);
    const [event] = await tenantDb(ledger.db, acme.tenantId).alertEvent.findMany({
      where: { ruleId: rule.id },
    });
    expect(event?.deliveredAt).toBeNull();
    expect(event?.deliveryError).toMatch(/localhost/);
    expect(receiver.deliveries).toHaveLength(0);
    expect(receiver.refused).toBe(0);

    const { events } = await listAlertRules(ledger.db, acme.tenantId);
    expect(events.find((e) => e.ruleId === rule.id)).toMatchObject({
      state: 'failed',
      ruleName: 'through localhost',
    });
  });

  it('at delivery, refuses a public-looking name that DNS answers with loopback (rebinding)', async () => {
    const sla = await breachedSlaRule('rebound', 1);
    const port = new URL(receiver.url).port;
    // Saved while the name pointed somewhere public; now the DNS answers 127.0.0.1.
    const { id } = await createAlertRule(
      ledger.db,
      acme.tenantId,
      {
        name: 'rebinding name',
        kind: 'sla_breach',
        params: { slaRuleId: sla.id },
        webhookUrl: `http://rebind.example.com:${port}/alerts`,
      },
      strict,
      by,
    );
    const asked: string[] = [];
    const rebindingDns: Lookup = (host) => {
      asked.push(host);
      return Promise.resolve([{ address: '127.0.0.1', family: 4 }]);
    };
    await evaluateAlerts(
      ledger.db,
      { keyRing: FIXTURE_KEY_RING, timeoutMs: 2000, allowHosts: [], lookup: rebindingDns },
      { tenantId: acme.tenantId },
    );
    expect(asked).toEqual(['rebind.example.com']);
    const [event] = await tenantDb(ledger.db, acme.tenantId).alertEvent.findMany({
      where: { ruleId: id },
    });
    expect(event?.deliveryError).toBe(
      'refused: the webhook host rebind.example.com resolves to 127.0.0.1, a loopback address',
    );
    expect(receiver.deliveries).toHaveLength(0);
    expect(receiver.refused).toBe(0);
  });

  it('connects to the address it checked, never asking DNS a second time', async () => {
    const sla = await breachedSlaRule('pinned', 1);
    const port = new URL(receiver.url).port;
    await createAlertRule(
      ledger.db,
      acme.tenantId,
      {
        name: 'pinned name',
        kind: 'sla_breach',
        params: { slaRuleId: sla.id },
        webhookUrl: `http://receiver.example.com:${port}/alerts`,
      },
      strict,
      by,
    );
    // Only this resolver knows the name (the system's DNS does not): a delivery that reaches the
    // receiver used the address the guard checked and allowed.
    let asked = 0;
    const dns: Lookup = () => {
      asked += 1;
      return Promise.resolve([{ address: '127.0.0.1', family: 4 }]);
    };
    await evaluateAlerts(
      ledger.db,
      { keyRing: FIXTURE_KEY_RING, timeoutMs: 2000, allowHosts: ['127.0.0.1'], lookup: dns },
      { tenantId: acme.tenantId },
    );
    expect(asked).toBe(1);
    expect(receiver.deliveries).toHaveLength(1);
    expect(receiver.deliveries[0]?.headers.host).toBe(`receiver.example.com:${port}`);
  });
});
