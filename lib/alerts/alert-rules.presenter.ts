// The alerts screen's read model: every alert rule with its condition in words and the state of
// its signing secret ("set · rotated <time>", never the secret), and the recent alert events with
// their delivery outcome. The secret's last rotation is read from the audit log, which records it
// anyway: the rule row does not need a column for it.
import type { Db } from '@/lib/db';
import { tenantDb } from '@/lib/db';
import { ALERT_KIND_LABELS } from './alert-rule-input';
import { ALERT_KINDS, alertParamsSchemas, type AlertKind } from './alert-rule-params';
import { channelOf, destinationShown, type DestinationShown } from './channel-input';
import type { AlertChannel } from './channels';
import type { WebhookShown } from './webhook-shown';

export interface AlertRuleRow {
  id: string;
  name: string;
  kind: string;
  kindLabel: string;
  /** the condition in words, with flows, connections and SLA rules named */
  condition: string;
  params: Record<string, unknown>;
  channel: AlertChannel;
  /** where alerts go, as shown: never a URL's path, a routing key or a secret (channel-input.ts) */
  destination: DestinationShown;
  /** the webhook channel's destination as before channels existed; null for the others */
  webhook: WebhookShown | null;
  quietMinutes: number;
  enabled: boolean;
  secret: { set: boolean; rotatedAt: string | null; previousUntil: string | null };
  createdAt: string;
}

export type AlertDeliveryState = 'delivered' | 'failed' | 'pending';

export interface AlertEventRow {
  id: string;
  ruleId: string;
  ruleName: string;
  groupKey: string;
  reason: string;
  errorClass: string | null;
  occurrences: number;
  firstAt: string;
  lastAt: string;
  state: AlertDeliveryState;
  deliveredAt: string | null;
  deliveryError: string | null;
  resolvedAt: string | null;
  /** the resolve message: null while open, or when the trigger never went out (nothing to undo) */
  resolveState: AlertDeliveryState | null;
  resolveDeliveredAt: string | null;
  resolveDeliveryError: string | null;
  deliveryAttempts: number;
  retryAt: string | null;
}

type Names = Map<string, string>;

/** What a rule's parameters may refer to, for the form's lists. */
export interface ReferenceChoices {
  flows: { id: string; name: string }[];
  connections: { id: string; name: string }[];
  slaRules: { id: string; name: string }[];
}

function describeCondition(kind: string, raw: unknown, names: Names): string {
  const known = ALERT_KINDS.find((k) => k === kind);
  if (!known) return `unknown kind "${kind}"`;
  const parsed = alertParamsSchemas[known].safeParse(raw);
  if (!parsed.success) return 'invalid parameters: edit the rule';
  const p = parsed.data as Record<string, unknown>;
  const name = (key: string, all: string) =>
    typeof p[key] === 'string' ? (names.get(p[key]) ?? 'a deleted item') : all;
  const byKind: Record<AlertKind, () => string> = {
    failure_rate: () =>
      `more than ${String(p.ratePercent)}% of ${name('flowId', '')} failed over ${String(p.windowMinutes)} min ` +
      `(at least ${String(p.minTransactions)} transactions)`,
    backlog_age: () =>
      `oldest pending on ${name('connectionId', 'any connection')} older than ${String(p.olderThanMinutes)} min`,
    circuit_open: () => `circuit open on ${name('connectionId', 'any connection')}`,
    reconciliation_drift: () =>
      `the latest reconciliation of ${name('flowId', 'any flow')} found at least ${String(p.minDriftItems)} drift item(s)`,
    sla_breach: () =>
      `at least ${String(p.minBreaches)} open breach(es) of ${name('slaRuleId', 'any SLA rule')}`,
  };
  return byKind[known]();
}

export async function listAlertRules(
  db: Db,
  tenantId: string,
  options: { eventLimit?: number } = {},
): Promise<{ rules: AlertRuleRow[]; events: AlertEventRow[]; choices: ReferenceChoices }> {
  const scoped = tenantDb(db, tenantId);
  const [rules, flows, connections, slaRules, events] = await Promise.all([
    scoped.alertRule.findMany({
      orderBy: { createdAt: 'asc' },
      take: 500,
      select: {
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
        previousSecretUntil: true,
        createdAt: true,
      },
    }),
    scoped.flow.findMany({ orderBy: { name: 'asc' }, select: { id: true, name: true } }),
    scoped.connection.findMany({ orderBy: { name: 'asc' }, select: { id: true, name: true } }),
    scoped.slaRule.findMany({ orderBy: { name: 'asc' }, select: { id: true, name: true } }),
    listAlertEvents(db, tenantId, { limit: options.eventLimit ?? 50 }),
  ]);
  const rotations = await scoped.auditEntry.findMany({
    where: {
      objectType: 'alert_rule',
      objectId: { in: rules.map((r) => r.id) },
      action: { in: ['alert_rule.created', 'alert_rule.secret_rotated'] },
    },
    orderBy: { createdAt: 'desc' },
    distinct: ['objectId'],
    select: { objectId: true, createdAt: true },
  });
  const rotatedAt = new Map(rotations.map((r) => [r.objectId, r.createdAt.toISOString()]));
  const names: Names = new Map([...flows, ...connections, ...slaRules].map((x) => [x.id, x.name]));
  return {
    rules: rules.map((r) => {
      const channel = channelOf(r.channel);
      const destination = destinationShown(channel, r);
      return {
        id: r.id,
        name: r.name,
        kind: r.kind,
        kindLabel: ALERT_KINDS.includes(r.kind as AlertKind)
          ? ALERT_KIND_LABELS[r.kind as AlertKind]
          : r.kind,
        condition: describeCondition(r.kind, r.params, names),
        params: (r.params ?? {}) as Record<string, unknown>,
        channel,
        destination,
        webhook:
          destination.channel === 'webhook'
            ? { origin: destination.origin, fingerprint: destination.fingerprint }
            : null,
        quietMinutes: r.quietMinutes,
        enabled: r.enabled,
        secret: {
          set: r.secretEncrypted !== null,
          rotatedAt: rotatedAt.get(r.id) ?? null,
          previousUntil:
            r.previousSecretUntil && r.previousSecretUntil > new Date()
              ? r.previousSecretUntil.toISOString()
              : null,
        },
        createdAt: r.createdAt.toISOString(),
      };
    }),
    events,
    choices: { flows, connections, slaRules },
  };
}

/** The most recent alert events of the tenant, newest first. */
export async function listAlertEvents(
  db: Db,
  tenantId: string,
  options: { limit?: number; ruleId?: string } = {},
): Promise<AlertEventRow[]> {
  const rows = await tenantDb(db, tenantId).alertEvent.findMany({
    where: options.ruleId ? { ruleId: options.ruleId } : {},
    orderBy: [{ lastAt: 'desc' }, { id: 'desc' }],
    take: options.limit ?? 50,
    select: {
      id: true,
      ruleId: true,
      groupKey: true,
      reason: true,
      errorClass: true,
      occurrences: true,
      firstAt: true,
      lastAt: true,
      deliveredAt: true,
      deliveryError: true,
      resolvedAt: true,
      resolveDeliveredAt: true,
      resolveDeliveryError: true,
      deliveryAttempts: true,
      retryAt: true,
      rule: { select: { name: true } },
    },
  });
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  return rows.map((e) => ({
    id: e.id,
    ruleId: e.ruleId,
    ruleName: e.rule.name,
    groupKey: e.groupKey,
    reason: e.reason,
    errorClass: e.errorClass,
    occurrences: e.occurrences,
    firstAt: e.firstAt.toISOString(),
    lastAt: e.lastAt.toISOString(),
    state: e.deliveredAt ? 'delivered' : e.deliveryError ? 'failed' : 'pending',
    deliveredAt: iso(e.deliveredAt),
    deliveryError: e.deliveryError,
    resolvedAt: iso(e.resolvedAt),
    resolveState:
      !e.resolvedAt || !e.deliveredAt
        ? null
        : e.resolveDeliveredAt
          ? 'delivered'
          : e.resolveDeliveryError
            ? 'failed'
            : 'pending',
    resolveDeliveredAt: iso(e.resolveDeliveredAt),
    resolveDeliveryError: e.resolveDeliveryError,
    deliveryAttempts: e.deliveryAttempts,
    retryAt: iso(e.retryAt),
  }));
}
