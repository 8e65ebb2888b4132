// SLA and alert rule writes of an apply, audited with the console's actions. A new alert rule gets
// a fresh signing secret, sealed here and shown to no one: rotate it in the console (which shows
// the new secret once) to configure the receiver. The webhook URL is audited as origin plus
// fingerprint only, like the console does: its path or query is often a credential itself.
import { createHash } from 'node:crypto';
import { generateSigningSecret } from '@/lib/alerts/alert-rules';
import type { Prisma } from '@/lib/db';
import { paramsFromDoc } from './alert-params';
import { audit, idOf, type ApplyContext } from './apply-context';
import type { AlertRuleDoc, SlaRuleDoc } from './document';

const slaSnapshot = (ctx: ApplyContext, r: SlaRuleDoc) => ({
  name: r.name,
  startFlowId: r.startFlow === null ? null : idOf(ctx.ids.flows, r.startFlow, 'flow'),
  startFlow: r.startFlow,
  expectFlowId: idOf(ctx.ids.flows, r.expectFlow, 'flow'),
  expectFlow: r.expectFlow,
  withinMinutes: r.withinMinutes,
  enabled: r.enabled,
});

const slaData = (ctx: ApplyContext, r: SlaRuleDoc) => {
  const { startFlow: _s, expectFlow: _e, ...data } = slaSnapshot(ctx, r);
  return data;
};

export async function createSlaRule(ctx: ApplyContext, rule: SlaRuleDoc): Promise<void> {
  const row = await ctx.tx.slaRule.create({
    data: { tenantId: ctx.tenantId, ...slaData(ctx, rule) },
    select: { id: true },
  });
  ctx.ids.slaRules.set(rule.name, row.id);
  await audit(ctx, {
    action: 'sla_rule.created',
    objectType: 'sla_rule',
    objectId: row.id,
    before: null,
    after: slaSnapshot(ctx, rule),
  });
}

export async function updateSlaRule(ctx: ApplyContext, before: SlaRuleDoc, after: SlaRuleDoc) {
  const id = idOf(ctx.ids.slaRules, after.name, 'SLA rule');
  await ctx.tx.slaRule.updateMany({
    where: { id, tenantId: ctx.tenantId },
    data: slaData(ctx, after),
  });
  await audit(ctx, {
    action: 'sla_rule.updated',
    objectType: 'sla_rule',
    objectId: id,
    before: slaSnapshot(ctx, before),
    after: slaSnapshot(ctx, after),
  });
}

/** Its breaches go with it (the history of a check that no longer exists), as in the console. */
export async function deleteSlaRule(ctx: ApplyContext, rule: SlaRuleDoc): Promise<void> {
  const id = idOf(ctx.ids.slaRules, rule.name, 'SLA rule');
  const before = slaSnapshot(ctx, rule);
  await ctx.tx.slaRule.deleteMany({ where: { id, tenantId: ctx.tenantId } });
  ctx.ids.slaRules.delete(rule.name);
  await audit(ctx, {
    action: 'sla_rule.deleted',
    objectType: 'sla_rule',
    objectId: id,
    before,
    after: null,
  });
}

/** `secret` only on create: the apply never reads an existing rule's secret, not even its presence. */
function alertSnapshot(r: AlertRuleDoc, secret?: 'set') {
  return {
    name: r.name,
    kind: r.kind,
    params: r.params,
    webhookOrigin: new URL(r.webhookUrl).origin,
    webhookFingerprint: createHash('sha256').update(r.webhookUrl).digest('hex').slice(0, 12),
    quietMinutes: r.quietMinutes,
    enabled: r.enabled,
    // redactSecrets keeps the key and blanks the value: the log shows a secret exists
    ...(secret && { signingSecret: secret }),
  };
}

function alertData(ctx: ApplyContext, r: AlertRuleDoc) {
  const params = paramsFromDoc(r.params, (kind, name) => {
    const ids = { flow: ctx.ids.flows, connection: ctx.ids.connections, slaRule: ctx.ids.slaRules };
    return idOf(ids[kind], name, kind);
  });
  return {
    name: r.name,
    params: params as Prisma.InputJsonObject,
    webhookUrl: r.webhookUrl,
    quietMinutes: r.quietMinutes,
    enabled: r.enabled,
  };
}

export async function createAlertRule(ctx: ApplyContext, rule: AlertRuleDoc): Promise<void> {
  const row = await ctx.tx.alertRule.create({
    data: {
      tenantId: ctx.tenantId,
      kind: rule.kind,
      ...alertData(ctx, rule),
      secretEncrypted: ctx.keyRing.seal(generateSigningSecret()),
    },
    select: { id: true },
  });
  ctx.ids.alertRules.set(rule.name, row.id);
  await audit(ctx, {
    action: 'alert_rule.created',
    objectType: 'alert_rule',
    objectId: row.id,
    before: null,
    after: alertSnapshot(rule, 'set'),
  });
}

export async function updateAlertRule(
  ctx: ApplyContext,
  before: AlertRuleDoc,
  after: AlertRuleDoc,
): Promise<void> {
  const id = idOf(ctx.ids.alertRules, after.name, 'alert rule');
  await ctx.tx.alertRule.updateMany({
    where: { id, tenantId: ctx.tenantId },
    data: alertData(ctx, after),
  });
  await audit(ctx, {
    action: 'alert_rule.updated',
    objectType: 'alert_rule',
    objectId: id,
    before: alertSnapshot(before),
    after: alertSnapshot(after),
  });
}

/** Its alert events go with it, as in the console. */
export async function deleteAlertRule(ctx: ApplyContext, rule: AlertRuleDoc): Promise<void> {
  const id = idOf(ctx.ids.alertRules, rule.name, 'alert rule');
  await ctx.tx.alertRule.deleteMany({ where: { id, tenantId: ctx.tenantId } });
  ctx.ids.alertRules.delete(rule.name);
  await audit(ctx, {
    action: 'alert_rule.deleted',
    objectType: 'alert_rule',
    objectId: id,
    before: alertSnapshot(rule),
    after: null,
  });
}
