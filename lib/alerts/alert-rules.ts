// Alert rule configuration: create, edit, delete and rotate the signing secret. The secret is made
// here, sealed with the key ring and answered once (on create and on rotate); nothing reads it
// back for people afterwards. Every change and its audit entry commit together; the audit entry
// records that a secret exists (redacted), never its value, and the webhook only as origin plus
// fingerprint (a webhook URL's path or query is often itself a credential).
import { randomBytes } from 'node:crypto';
import { recordChange, type ChangedBy } from '@/lib/audit/record-change';
import type { KeyRing } from '@/lib/crypto/key-ring';
import { tenantDb, type Db, type Prisma, type TenantTx } from '@/lib/db';
import { AppError, notFound } from '@/lib/errors';
import {
  createAlertRuleSchema,
  parseAlertParams,
  updateAlertRuleSchema,
  type CreateAlertRuleInput,
  type UpdateAlertRuleInput,
} from './alert-rule-input';
import { ALERT_KINDS, type AlertKind } from './alert-rule-params';
import { checkWebhookUrl } from './webhook-url';
import { webhookShown } from './webhook-shown';

export interface AlertRuleDeps {
  keyRing: KeyRing;
  /** OUTBOUND_ALLOW_HOSTS (lib/outbound) */
  allowHosts: readonly string[];
}

const RULE_SELECT = {
  id: true,
  name: true,
  kind: true,
  params: true,
  webhookUrl: true,
  quietMinutes: true,
  enabled: true,
  secretEncrypted: true,
} as const;

type RuleRow = {
  id: string;
  name: string;
  kind: string;
  params: Prisma.JsonValue;
  webhookUrl: string;
  quietMinutes: number;
  enabled: boolean;
  secretEncrypted: string | null;
};

/** whsec_ + 32 random bytes: what receivers verify x-waybill-signature with */
export function generateSigningSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

function refuseInternalUrl(raw: string, allowHosts: readonly string[]): string {
  const verdict = checkWebhookUrl(raw, allowHosts);
  if (!verdict.ok)
    throw new AppError('VALIDATION_FAILED', verdict.reason, {
      fieldErrors: { webhookUrl: [verdict.reason] },
    });
  return verdict.url.toString();
}

/** The references in a kind's parameters must be the tenant's own (the scoped queries see no other). */
async function checkReferences(tx: TenantTx, params: Record<string, unknown>) {
  const id = (key: string) => {
    const value = params[key];
    return typeof value === 'string' ? value : null;
  };
  const flowId = id('flowId');
  if (flowId && !(await tx.flow.findFirst({ where: { id: flowId }, select: { id: true } })))
    throw notFound('flow');
  const connectionId = id('connectionId');
  if (
    connectionId &&
    !(await tx.connection.findFirst({ where: { id: connectionId }, select: { id: true } }))
  )
    throw notFound('connection');
  const slaRuleId = id('slaRuleId');
  if (
    slaRuleId &&
    !(await tx.slaRule.findFirst({ where: { id: slaRuleId }, select: { id: true } }))
  )
    throw notFound('SLA rule');
}

function snapshotOf(rule: Omit<RuleRow, 'id'>) {
  const webhook = webhookShown(rule.webhookUrl);
  return {
    name: rule.name,
    kind: rule.kind,
    params: rule.params as Prisma.JsonObject,
    webhookOrigin: webhook.origin,
    webhookFingerprint: webhook.fingerprint,
    quietMinutes: rule.quietMinutes,
    enabled: rule.enabled,
    // redactSecrets keeps the key and replaces the value: the log shows a secret exists
    signingSecret: rule.secretEncrypted ? 'set' : null,
  };
}

async function ruleOf(tx: TenantTx, id: string): Promise<RuleRow> {
  const rule = await tx.alertRule.findFirst({ where: { id }, select: RULE_SELECT });
  if (!rule) throw notFound('alert rule');
  return rule;
}

function kindOf(rule: RuleRow): AlertKind {
  const kind = ALERT_KINDS.find((k) => k === rule.kind);
  if (!kind) throw new AppError('CONFLICT', `the rule has an unknown kind "${rule.kind}"`);
  return kind;
}

export async function createAlertRule(
  db: Db,
  tenantId: string,
  input: CreateAlertRuleInput,
  deps: AlertRuleDeps,
  by: ChangedBy,
): Promise<{ id: string; name: string; secret: string }> {
  const data = createAlertRuleSchema.parse(input);
  const params = parseAlertParams(data.kind, data.params);
  const webhookUrl = refuseInternalUrl(data.webhookUrl, deps.allowHosts);
  const secret = generateSigningSecret();
  return tenantDb(db, tenantId).$transaction(async (tx) => {
    await checkReferences(tx, params);
    const rule = await tx.alertRule.create({
      data: {
        tenantId,
        name: data.name,
        kind: data.kind,
        params: params as Prisma.InputJsonObject,
        webhookUrl,
        secretEncrypted: deps.keyRing.seal(secret),
        quietMinutes: data.quietMinutes,
        enabled: data.enabled,
      },
      select: RULE_SELECT,
    });
    await recordChange(tx, tenantId, by, {
      action: 'alert_rule.created',
      objectType: 'alert_rule',
      objectId: rule.id,
      before: null,
      after: snapshotOf(rule),
    });
    return { id: rule.id, name: rule.name, secret };
  });
}

/** Fields left out stay as they are; a submission that changes nothing records nothing. */
export async function updateAlertRule(
  db: Db,
  tenantId: string,
  id: string,
  input: UpdateAlertRuleInput,
  deps: Pick<AlertRuleDeps, 'allowHosts'>,
  by: ChangedBy,
): Promise<{ id: string; name: string; changed: string[] }> {
  const data = updateAlertRuleSchema.parse(input);
  const webhookUrl =
    data.webhookUrl === undefined ? undefined : refuseInternalUrl(data.webhookUrl, deps.allowHosts);
  return tenantDb(db, tenantId).$transaction(async (tx) => {
    const before = await ruleOf(tx, id);
    let params = before.params;
    if (data.params !== undefined) {
      const parsed = parseAlertParams(kindOf(before), data.params);
      await checkReferences(tx, parsed);
      params = parsed as Prisma.JsonObject;
    }
    const next: RuleRow = {
      ...before,
      name: data.name ?? before.name,
      params,
      webhookUrl: webhookUrl ?? before.webhookUrl,
      quietMinutes: data.quietMinutes ?? before.quietMinutes,
      enabled: data.enabled ?? before.enabled,
    };
    const changed = (['name', 'params', 'webhookUrl', 'quietMinutes', 'enabled'] as const).filter(
      (k) => JSON.stringify(next[k]) !== JSON.stringify(before[k]),
    );
    if (changed.length === 0) return { id, name: before.name, changed };
    await tx.alertRule.update({
      where: { id },
      data: {
        name: next.name,
        params: next.params as Prisma.InputJsonObject,
        webhookUrl: next.webhookUrl,
        quietMinutes: next.quietMinutes,
        enabled: next.enabled,
      },
      select: { id: true },
    });
    await recordChange(tx, tenantId, by, {
      action: 'alert_rule.updated',
      objectType: 'alert_rule',
      objectId: id,
      before: snapshotOf(before),
      after: snapshotOf(next),
    });
    return { id, name: next.name, changed };
  });
}

/** Deletes the rule and its alert events. */
export async function deleteAlertRule(
  db: Db,
  tenantId: string,
  id: string,
  by: ChangedBy,
): Promise<{ id: string; name: string }> {
  return tenantDb(db, tenantId).$transaction(async (tx) => {
    const before = await ruleOf(tx, id);
    await tx.alertRule.delete({ where: { id }, select: { id: true } });
    await recordChange(tx, tenantId, by, {
      action: 'alert_rule.deleted',
      objectType: 'alert_rule',
      objectId: id,
      before: snapshotOf(before),
      after: null,
    });
    return { id, name: before.name };
  });
}

/**
 * A new signing secret, effective for the next delivery. Receivers must switch at once: there is
 * no overlap window (alerts are retried at the next evaluation, so a receiver that refuses the new
 * signature for a minute loses nothing).
 */
export async function rotateAlertRuleSecret(
  db: Db,
  tenantId: string,
  id: string,
  deps: Pick<AlertRuleDeps, 'keyRing'>,
  by: ChangedBy & { now?: Date },
): Promise<{ id: string; name: string; secret: string; rotatedAt: Date }> {
  const secret = generateSigningSecret();
  const rotatedAt = by.now ?? new Date();
  return tenantDb(db, tenantId).$transaction(async (tx) => {
    const rule = await ruleOf(tx, id);
    await tx.alertRule.update({
      where: { id },
      data: { secretEncrypted: deps.keyRing.seal(secret) },
      select: { id: true },
    });
    await recordChange(
      tx,
      tenantId,
      by,
      {
        action: 'alert_rule.secret_rotated',
        objectType: 'alert_rule',
        objectId: id,
        after: {
          name: rule.name,
          signingSecret: 'replaced',
          keyId: deps.keyRing.activeKeyId,
          rotatedAt: rotatedAt.toISOString(),
        },
      },
      rotatedAt,
    );
    return { id, name: rule.name, secret, rotatedAt };
  });
}
