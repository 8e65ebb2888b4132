// SLA rule configuration against a real ledger: each change writes its audit entry (before/after,
// flows named) in the same transaction, another tenant's flows and rules answer "not found" and
// change nothing, and the presenter counts open breaches per rule.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAppError } from '@/lib/errors';
import { tenantDb } from '@/lib/db';
import { seededLedger, type SeededLedger } from '@/test/support/ledger-fixtures';
import { demoTenant, type FixtureTenant } from '@/test/support/overview-fixtures';
import { createSlaRule, deleteSlaRule, updateSlaRule } from './sla-rules';
import { listSlaRules } from './sla-rules.presenter';

const W = 'orders-paid-to-warehouse';
const E = 'orders-paid-to-erp';

let ledger: SeededLedger;
let acme: FixtureTenant;
let globex: FixtureTenant;
let by: { actor: { userId: string; name: string }; requestId: string };

beforeAll(async () => {
  ledger = await seededLedger();
  acme = await demoTenant(ledger.db, 'acme');
  globex = await demoTenant(ledger.db, 'globex');
  const admin = await ledger.db.user.findUniqueOrThrow({
    where: { email: 'admin@acme.test' },
    select: { id: true, name: true },
  });
  by = { actor: { userId: admin.id, name: admin.name }, requestId: 'req-sla-0001' };
});
afterAll(async () => ledger?.drop());

const flow = (t: FixtureTenant, key: string) => t.flows[key] ?? '';
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

describe('SLA rules', () => {
  it('create, update and delete each write their audit entry with before and after', async () => {
    const rule = await createSlaRule(
      ledger.db,
      acme.tenantId,
      {
        name: 'warehouse ack after ERP',
        startFlowId: flow(acme, E),
        expectFlowId: flow(acme, W),
        withinMinutes: 30,
      },
      by,
    );
    const nothing = await updateSlaRule(
      ledger.db,
      acme.tenantId,
      rule.id,
      { withinMinutes: 30 },
      by,
    );
    expect(nothing.changed).toEqual([]);
    const updated = await updateSlaRule(
      ledger.db,
      acme.tenantId,
      rule.id,
      { withinMinutes: 45, enabled: false },
      by,
    );
    expect(updated.changed).toEqual(['withinMinutes', 'enabled']);

    const entries = await auditOf(acme.tenantId, rule.id);
    expect(entries.map((e) => e.action)).toEqual(['sla_rule.created', 'sla_rule.updated']);
    const [created, changed] = entries;
    expect(created).toMatchObject({
      objectType: 'sla_rule',
      actorUserId: by.actor.userId,
      requestId: 'req-sla-0001',
      before: null,
      after: {
        name: 'warehouse ack after ERP',
        startFlowId: flow(acme, E),
        expectFlowId: flow(acme, W),
        withinMinutes: 30,
        enabled: true,
      },
    });
    expect(changed?.before).toMatchObject({ withinMinutes: 30, enabled: true });
    expect(changed?.after).toMatchObject({ withinMinutes: 45, enabled: false });

    await deleteSlaRule(ledger.db, acme.tenantId, rule.id, by);
    expect(await ledger.db.slaRule.findUnique({ where: { id: rule.id } })).toBeNull();
    const last = (await auditOf(acme.tenantId, rule.id)).at(-1);
    expect(last).toMatchObject({ action: 'sla_rule.deleted', after: null });
    expect(last?.before).toMatchObject({ withinMinutes: 45 });
  });

  it('refuses to delete a rule an alert rule watches, naming it, until that alert rule goes', async () => {
    const rule = await createSlaRule(
      ledger.db,
      acme.tenantId,
      { name: 'warehouse ack', expectFlowId: flow(acme, W), withinMinutes: 30 },
      by,
    );
    const alertOf = (tenantId: string, name: string) =>
      ledger.db.alertRule.create({
        data: {
          tenantId,
          name,
          kind: 'sla_breach',
          params: { slaRuleId: rule.id },
          webhookUrl: 'http://127.0.0.1:9/alerts',
        },
        select: { id: true },
      });
    // Another tenant's alert rule naming this id (it cannot watch it) blocks nothing.
    const foreign = await alertOf(globex.tenantId, 'globex watcher');
    const watcher = await alertOf(acme.tenantId, 'pager: warehouse ack');
    const auditBefore = await auditOf(acme.tenantId, rule.id);

    const refused = await deleteSlaRule(ledger.db, acme.tenantId, rule.id, by).catch(
      (error: unknown) => error,
    );
    expect(isAppError(refused) && refused.code).toBe('CONFLICT');
    expect(isAppError(refused) && refused.message).toBe(
      'SLA rule "warehouse ack" is watched by alert rule "pager: warehouse ack": delete or change it first',
    );
    expect(await ledger.db.slaRule.findUnique({ where: { id: rule.id } })).not.toBeNull();
    expect(await auditOf(acme.tenantId, rule.id)).toHaveLength(auditBefore.length);

    await ledger.db.alertRule.delete({ where: { id: watcher.id } });
    await deleteSlaRule(ledger.db, acme.tenantId, rule.id, by);
    expect(await ledger.db.slaRule.findUnique({ where: { id: rule.id } })).toBeNull();
    await ledger.db.alertRule.delete({ where: { id: foreign.id } });
  });

  it("answers not found for another tenant's flow and changes nothing", async () => {
    const before = await ledger.db.auditEntry.count({ where: { tenantId: acme.tenantId } });
    expect(
      await code(
        createSlaRule(
          ledger.db,
          acme.tenantId,
          { name: 'foreign', expectFlowId: flow(globex, W), withinMinutes: 10 },
          by,
        ),
      ),
    ).toBe('NOT_FOUND');
    expect(
      await code(
        createSlaRule(
          ledger.db,
          acme.tenantId,
          {
            name: 'foreign start',
            startFlowId: flow(globex, E),
            expectFlowId: flow(acme, W),
            withinMinutes: 10,
          },
          by,
        ),
      ),
    ).toBe('NOT_FOUND');
    expect(
      await tenantDb(ledger.db, acme.tenantId).slaRule.count({
        where: { name: { startsWith: 'foreign' } },
      }),
    ).toBe(0);
    expect(await ledger.db.auditEntry.count({ where: { tenantId: acme.tenantId } })).toBe(before);
  });

  it("answers not found for another tenant's rule, exactly like a rule that never existed", async () => {
    const theirs = await createSlaRule(
      ledger.db,
      globex.tenantId,
      { name: 'globex ack', expectFlowId: flow(globex, W), withinMinutes: 20 },
      by,
    );
    const missing = '0193a5b0-0000-7000-8000-0000000000ff';
    for (const id of [theirs.id, missing]) {
      expect(
        await code(updateSlaRule(ledger.db, acme.tenantId, id, { withinMinutes: 5 }, by)),
      ).toBe('NOT_FOUND');
      expect(await code(deleteSlaRule(ledger.db, acme.tenantId, id, by))).toBe('NOT_FOUND');
    }
    const still = await ledger.db.slaRule.findUniqueOrThrow({ where: { id: theirs.id } });
    expect(still.withinMinutes).toBe(20);
    expect((await auditOf(globex.tenantId, theirs.id)).map((e) => e.action)).toEqual([
      'sla_rule.created',
    ]);
    expect(await auditOf(acme.tenantId, theirs.id)).toEqual([]);
  });

  it('refuses the same flow as start and expectation', async () => {
    expect(
      await code(
        createSlaRule(
          ledger.db,
          acme.tenantId,
          {
            name: 'loop',
            startFlowId: flow(acme, W),
            expectFlowId: flow(acme, W),
            withinMinutes: 5,
          },
          by,
        ),
      ),
    ).toBe('VALIDATION_FAILED');
  });

  it('lists rules with flow names and open breach counts, only the tenant’s own', async () => {
    const rule = await createSlaRule(
      ledger.db,
      acme.tenantId,
      { name: 'listed', expectFlowId: flow(acme, W), withinMinutes: 30 },
      by,
    );
    const scoped = tenantDb(ledger.db, acme.tenantId);
    const due = new Date(Date.now() - 60_000);
    await scoped.slaBreach.createMany({
      data: [
        { tenantId: acme.tenantId, ruleId: rule.id, businessKey: 'B-1', dueAt: due },
        { tenantId: acme.tenantId, ruleId: rule.id, businessKey: 'B-2', dueAt: due },
        {
          tenantId: acme.tenantId,
          ruleId: rule.id,
          businessKey: 'B-3',
          dueAt: due,
          clearedAt: new Date(),
        },
      ],
    });
    const { rules, flows } = await listSlaRules(ledger.db, acme.tenantId);
    const listed = rules.find((r) => r.id === rule.id);
    expect(listed).toMatchObject({ openBreaches: 2, startFlow: null, withinMinutes: 30 });
    expect(listed?.expectFlow.id).toBe(flow(acme, W));
    expect(listed?.expectFlow.name).toBeTruthy();
    expect(rules.some((r) => r.name === 'globex ack')).toBe(false);
    expect(flows.map((f) => f.id)).toContain(flow(acme, W));
    expect(flows.map((f) => f.id)).not.toContain(flow(globex, W));
  });
});
