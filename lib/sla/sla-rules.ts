// SLA rule configuration: create, edit and delete absence checks. Each change and its audit entry
// (before/after) commit together. Flows are looked up through the tenant's scope, so another
// tenant's flow or rule id answers exactly like one that never existed.
import { recordChange, type ChangedBy } from '@/lib/audit/record-change';
import { tenantDb, type Db, type TenantTx } from '@/lib/db';
import { AppError, notFound } from '@/lib/errors';
import {
  createSlaRuleSchema,
  updateSlaRuleSchema,
  type CreateSlaRuleInput,
  type UpdateSlaRuleInput,
} from './sla-rule-input';

const RULE_SELECT = {
  id: true,
  name: true,
  startFlowId: true,
  expectFlowId: true,
  withinMinutes: true,
  enabled: true,
} as const;

type RuleRow = {
  id: string;
  name: string;
  startFlowId: string | null;
  expectFlowId: string;
  withinMinutes: number;
  enabled: boolean;
};

/** What the audit log keeps of a rule: its settings with the flows named, as they were. */
async function snapshotOf(tx: TenantTx, rule: RuleRow) {
  const flows = await flowNames(tx, [rule.startFlowId, rule.expectFlowId]);
  return {
    name: rule.name,
    startFlowId: rule.startFlowId,
    startFlow: rule.startFlowId ? (flows.get(rule.startFlowId) ?? null) : null,
    expectFlowId: rule.expectFlowId,
    expectFlow: flows.get(rule.expectFlowId) ?? null,
    withinMinutes: rule.withinMinutes,
    enabled: rule.enabled,
  };
}

async function flowNames(tx: TenantTx, ids: (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  const rows = await tx.flow.findMany({
    where: { id: { in: wanted } },
    select: { id: true, name: true },
  });
  return new Map(rows.map((f) => [f.id, f.name]));
}

/** Both flows must be the tenant's (the scoped query cannot see any other) and different. */
async function checkFlows(tx: TenantTx, startFlowId: string | null, expectFlowId: string) {
  if (startFlowId === expectFlowId)
    throw new AppError(
      'VALIDATION_FAILED',
      'the start flow and the expected flow must differ: the rule measures the time between two steps',
    );
  const found = await flowNames(tx, [startFlowId, expectFlowId]);
  if (!found.has(expectFlowId) || (startFlowId && !found.has(startFlowId))) throw notFound('flow');
}

async function ruleOf(tx: TenantTx, id: string): Promise<RuleRow> {
  const rule = await tx.slaRule.findFirst({ where: { id }, select: RULE_SELECT });
  if (!rule) throw notFound('SLA rule');
  return rule;
}

export async function createSlaRule(
  db: Db,
  tenantId: string,
  input: CreateSlaRuleInput,
  by: ChangedBy,
): Promise<{ id: string; name: string }> {
  const data = createSlaRuleSchema.parse(input);
  return tenantDb(db, tenantId).$transaction(async (tx) => {
    await checkFlows(tx, data.startFlowId, data.expectFlowId);
    const rule = await tx.slaRule.create({ data: { tenantId, ...data }, select: RULE_SELECT });
    await recordChange(tx, tenantId, by, {
      action: 'sla_rule.created',
      objectType: 'sla_rule',
      objectId: rule.id,
      before: null,
      after: await snapshotOf(tx, rule),
    });
    return { id: rule.id, name: rule.name };
  });
}

/** Fields left out stay as they are; a submission that changes nothing records nothing. */
export async function updateSlaRule(
  db: Db,
  tenantId: string,
  id: string,
  input: UpdateSlaRuleInput,
  by: ChangedBy,
): Promise<{ id: string; name: string; changed: string[] }> {
  const data = updateSlaRuleSchema.parse(input);
  return tenantDb(db, tenantId).$transaction(async (tx) => {
    const before = await ruleOf(tx, id);
    const next: RuleRow = {
      id,
      name: data.name ?? before.name,
      startFlowId: data.startFlowId === undefined ? before.startFlowId : data.startFlowId,
      expectFlowId: data.expectFlowId ?? before.expectFlowId,
      withinMinutes: data.withinMinutes ?? before.withinMinutes,
      enabled: data.enabled ?? before.enabled,
    };
    const changed = (Object.keys(next) as (keyof RuleRow)[]).filter((k) => next[k] !== before[k]);
    if (changed.length === 0) return { id, name: before.name, changed };
    if (changed.includes('startFlowId') || changed.includes('expectFlowId'))
      await checkFlows(tx, next.startFlowId, next.expectFlowId);
    const { id: _id, ...fields } = next;
    await tx.slaRule.update({ where: { id }, data: fields, select: { id: true } });
    await recordChange(tx, tenantId, by, {
      action: 'sla_rule.updated',
      objectType: 'sla_rule',
      objectId: id,
      before: await snapshotOf(tx, before),
      after: await snapshotOf(tx, next),
    });
    return { id, name: next.name, changed };
  });
}

/**
 * Deletes the rule and its breaches (history of a check that no longer exists). Refused while an
 * alert rule names it: that alert would silently stop watching anything.
 */
export async function deleteSlaRule(
  db: Db,
  tenantId: string,
  id: string,
  by: ChangedBy,
): Promise<{ id: string; name: string }> {
  return tenantDb(db, tenantId).$transaction(async (tx) => {
    const before = await ruleOf(tx, id);
    // params is JSON: the containment filter finds sla_breach rules naming this SLA rule.
    const watchers = await tx.alertRule.findMany({
      where: { kind: 'sla_breach', params: { path: ['slaRuleId'], equals: id } },
      select: { name: true },
      orderBy: { name: 'asc' },
    });
    if (watchers.length > 0) {
      const names = watchers.map((w) => `"${w.name}"`).join(', ');
      const [rules, them] = watchers.length > 1 ? ['alert rules', 'them'] : ['alert rule', 'it'];
      throw new AppError(
        'CONFLICT',
        `SLA rule "${before.name}" is watched by ${rules} ${names}: delete or change ${them} first`,
      );
    }
    const snapshot = await snapshotOf(tx, before);
    await tx.slaRule.delete({ where: { id }, select: { id: true } });
    await recordChange(tx, tenantId, by, {
      action: 'sla_rule.deleted',
      objectType: 'sla_rule',
      objectId: id,
      before: snapshot,
      after: null,
    });
    return { id, name: before.name };
  });
}
