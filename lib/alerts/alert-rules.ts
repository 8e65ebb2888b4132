// Alert rule configuration: create, edit, delete and rotate the signing secret. The secret is made
// here, sealed with the key ring and answered once (on create and on rotate); nothing reads it
// back for people afterwards. Every change and its audit entry commit together; the audit entry
// records that a secret exists (redacted), never its value, and the destination only as shown
// (channel-input.ts): a webhook or Slack URL as origin plus fingerprint, a routing key as a
// fingerprint, email recipients as they are.
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
import { generateWebhookSecret } from './channels/standard-webhooks';
import { channelOf, destinationShown, storeDestination } from './channel-input';

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
  channel: true,
  webhookUrl: true,
  destination: true,
  destinationEncrypted: true,
  quietMinutes: true,
  enabled: true,
  secretEncrypted: true,
} as const;

type RuleRow = {
  id: string;
  name: string;
  kind: string;
  params: Prisma.JsonValue;
  channel: string;
  webhookUrl: string | null;
  destination: Prisma.JsonValue;
  destinationEncrypted: string | null;
  quietMinutes: number;
  enabled: boolean;
  secretEncrypted: string | null;
};

/** How long the previous signing secret still signs after a rotation, by default (a day). */
export const DEFAULT_OVERLAP_MINUTES = 24 * 60;
export const MAX_OVERLAP_MINUTES = 7 * 24 * 60;

const storedOf = (rule: RuleRow) => ({
  webhookUrl: rule.webhookUrl,
  destination: (rule.destination ?? {}) as Record<string, unknown>,
  destinationEncrypted: rule.destinationEncrypted,
});

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

function snapshotOf(rule: RuleRow) {
  const shown = destinationShown(channelOf(rule.channel), storedOf(rule));
  return {
    name: rule.name,
    kind: rule.kind,
    params: rule.params as Prisma.JsonObject,
    channel: shown.channel,
    ...(shown.channel === 'webhook'
      ? { webhookOrigin: shown.origin, webhookFingerprint: shown.fingerprint }
      : { destination: shown }),
    // a Slack URL or a routing key: its presence only (redacted like the secret)
    ...(rule.destinationEncrypted && { channelCredential: 'set' }),
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
): Promise<{ id: string; name: string; secret: string | null }> {
  const data = createAlertRuleSchema.parse(input);
  const params = parseAlertParams(data.kind, data.params);
  const stored = storeDestination(data.channel, data, deps);
  // only the webhook is signed: Slack and PagerDuty authenticate us by the credential we hold
  const secret = data.channel === 'webhook' ? generateWebhookSecret() : null;
  return tenantDb(db, tenantId).$transaction(async (tx) => {
    await checkReferences(tx, params);
    const rule = await tx.alertRule.create({
      data: {
        tenantId,
        name: data.name,
        kind: data.kind,
        params: params as Prisma.InputJsonObject,
        channel: data.channel,
        webhookUrl: stored.webhookUrl,
        destination: stored.destination as Prisma.InputJsonObject,
        destinationEncrypted: stored.destinationEncrypted,
        secretEncrypted: secret === null ? null : deps.keyRing.seal(secret),
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
  deps: AlertRuleDeps,
  by: ChangedBy,
): Promise<{ id: string; name: string; changed: string[] }> {
  const data = updateAlertRuleSchema.parse(input);
  const { name, params: paramsInput, quietMinutes, enabled, ...destinationInput } = data;
  const touchesDestination = Object.values(destinationInput).some((v) => v !== undefined);
  return tenantDb(db, tenantId).$transaction(async (tx) => {
    const before = await ruleOf(tx, id);
    let params = before.params;
    if (paramsInput !== undefined) {
      const parsed = parseAlertParams(kindOf(before), paramsInput);
      await checkReferences(tx, parsed);
      params = parsed as Prisma.JsonObject;
    }
    const stored = touchesDestination
      ? storeDestination(channelOf(before.channel), destinationInput, deps, storedOf(before))
      : storedOf(before);
    const next: RuleRow = {
      ...before,
      ...stored,
      destination: stored.destination as Prisma.JsonObject,
      name: name ?? before.name,
      params,
      quietMinutes: quietMinutes ?? before.quietMinutes,
      enabled: enabled ?? before.enabled,
    };
    // a re-sealed credential differs in its envelope only: compare what is shown, and the
    // credential by its plain text
    const sameCredential =
      before.destinationEncrypted === next.destinationEncrypted ||
      (before.destinationEncrypted !== null &&
        next.destinationEncrypted !== null &&
        deps.keyRing.open(before.destinationEncrypted) ===
          deps.keyRing.open(next.destinationEncrypted));
    const changed = [
      ...(['name', 'params', 'quietMinutes', 'enabled'] as const).filter(
        (k) => JSON.stringify(next[k]) !== JSON.stringify(before[k]),
      ),
      ...(next.webhookUrl !== before.webhookUrl ||
      JSON.stringify(next.destination) !== JSON.stringify(before.destination) ||
      !sameCredential
        ? (['destination'] as const)
        : []),
    ];
    if (changed.length === 0) return { id, name: before.name, changed };
    await tx.alertRule.update({
      where: { id },
      data: {
        name: next.name,
        params: next.params as Prisma.InputJsonObject,
        webhookUrl: next.webhookUrl,
        destination: next.destination as Prisma.InputJsonObject,
        destinationEncrypted: next.destinationEncrypted,
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
 * A new signing secret, effective for the next delivery. The previous one keeps signing beside it
 * for `overlapMinutes` (default a day; 0 ends it at once): every delivery carries both signatures,
 * so receivers switch to the new secret at their own pace (Standard Webhooks allows several).
 */
export async function rotateAlertRuleSecret(
  db: Db,
  tenantId: string,
  id: string,
  deps: Pick<AlertRuleDeps, 'keyRing'>,
  by: ChangedBy & { now?: Date; overlapMinutes?: number },
): Promise<{
  id: string;
  name: string;
  secret: string;
  rotatedAt: Date;
  previousUntil: Date | null;
}> {
  const secret = generateWebhookSecret();
  const rotatedAt = by.now ?? new Date();
  const overlap = Math.min(
    Math.max(by.overlapMinutes ?? DEFAULT_OVERLAP_MINUTES, 0),
    MAX_OVERLAP_MINUTES,
  );
  return tenantDb(db, tenantId).$transaction(async (tx) => {
    const rule = await ruleOf(tx, id);
    if (rule.channel !== 'webhook')
      throw new AppError('CONFLICT', 'only webhook alert rules have a signing secret');
    const previousUntil =
      rule.secretEncrypted && overlap > 0 ? new Date(rotatedAt.getTime() + overlap * 60_000) : null;
    await tx.alertRule.update({
      where: { id },
      data: {
        secretEncrypted: deps.keyRing.seal(secret),
        previousSecretEncrypted: previousUntil ? rule.secretEncrypted : null,
        previousSecretUntil: previousUntil,
      },
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
          previousSignsUntil: previousUntil?.toISOString() ?? null,
        },
      },
      rotatedAt,
    );
    return { id, name: rule.name, secret, rotatedAt, previousUntil };
  });
}

/** The signing secret of a new webhook rule (config-as-code makes them too). */
export const generateSigningSecret = generateWebhookSecret;
