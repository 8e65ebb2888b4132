// The 'alerts.evaluate' pass (every minute): for each enabled alert rule, find what its condition
// holds for now (one finding per group), then per group open, repeat, reopen or resolve its event
// (alert-decision.ts) and deliver what needs delivering through the rule's channel
// (lib/alerts/channels). No storm: one message per rule and group, then silence for the quiet
// period while the condition persists (occurrences counts the repeats); an alert that was
// delivered and clears sends one resolve. A failed message is recorded on the event and tried
// again after a backoff; nothing here throws for one rule's sake: a rule with bad parameters or a
// broken secret is reported and skipped.
// Passes may overlap (several workers, or an operator's run beside the scheduled one): every
// message is sent only by the pass whose conditional write claimed it (the open event's unique
// index per rule and group, or an update guarded by the version this pass read), and a send in
// flight holds its event for a lease (SEND_LEASE_MS), so two passes never send the same trigger,
// reminder or resolve twice.
import type { Db } from '@/lib/db';
import type { KeyRing } from '@/lib/crypto/key-ring';
import { uuid7 } from '@/lib/db/uuid7';
import {
  decideAlert,
  leaseUntil,
  MAX_RESOLVE_ATTEMPTS,
  pathOfGroup,
  type AlertAction,
} from './alert-decision';
import { findConditions, type Finding } from './alert-conditions';
import { parseAlertRule } from './alert-rule-params';
import type { SmtpSettings } from './channels/email';
import { sendAlertEvent, type EventFacts } from './send-alert-event';
import type { Lookup } from './webhook-url';

export interface EvaluateConfig {
  keyRing: KeyRing;
  /** the console's public URL (NEXTAUTH_URL); without it links are console paths */
  baseUrl?: string;
  timeoutMs: number;
  /** OUTBOUND_ALLOW_HOSTS: internal hosts deliveries may reach anyway (tests, the demo) */
  allowHosts?: readonly string[];
  /** resolves webhook host names (default: the system resolver); tests stand in a rebinding DNS */
  lookup?: Lookup;
  /** SMTP_URL and ALERT_EMAIL_FROM, for email rules */
  smtp?: SmtpSettings;
}

export interface EvaluateOutcome {
  rules: number;
  opened: number;
  delivered: number;
  failedDeliveries: number;
  resolved: number;
  /** rule id -> why it was skipped */
  skipped: Record<string, string>;
}

export type Rule = Awaited<ReturnType<typeof enabledRules>>[number];
type LatestEvent = {
  id: string;
  groupKey: string;
  reason: string;
  errorClass: string | null;
  counts: Record<string, number>;
  deliveredAt: Date | null;
  resolvedAt: Date | null;
  resolveDeliveredAt: Date | null;
  deliveryAttempts: number;
  retryAt: Date | null;
  firstAt: Date;
  lastAt: Date;
  occurrences: number;
};

function enabledRules(db: Db, tenantId?: string) {
  // Across tenants on purpose (the scheduled pass); every query below names the rule's tenant.
  return db.alertRule.findMany({
    where: { enabled: true, ...(tenantId && { tenantId }) },
    select: {
      id: true,
      tenantId: true,
      name: true,
      kind: true,
      params: true,
      channel: true,
      webhookUrl: true,
      destination: true,
      destinationEncrypted: true,
      secretEncrypted: true,
      previousSecretEncrypted: true,
      previousSecretUntil: true,
      quietMinutes: true,
    },
    orderBy: { id: 'asc' },
  });
}

export async function evaluateAlerts(
  db: Db,
  config: EvaluateConfig,
  options: { tenantId?: string; now?: Date } = {},
): Promise<EvaluateOutcome> {
  const now = options.now ?? new Date();
  const outcome: EvaluateOutcome = {
    rules: 0,
    opened: 0,
    delivered: 0,
    failedDeliveries: 0,
    resolved: 0,
    skipped: {},
  };
  for (const rule of await enabledRules(db, options.tenantId)) {
    outcome.rules += 1;
    let findings: Finding[];
    try {
      findings = await findConditions(
        db,
        rule.tenantId,
        parseAlertRule(rule.kind, rule.params),
        now,
      );
    } catch (error) {
      outcome.skipped[rule.id] = error instanceof Error ? error.message : 'invalid rule';
      continue;
    }
    await evaluateRule(db, config, rule, findings, now, outcome);
    await retryResolves(db, config, rule, now, outcome);
  }
  return outcome;
}

const EVENT_COLUMNS = `e.id::text, e.group_key AS "groupKey", e.reason, e.error_class AS "errorClass",
  e.counts, e.delivered_at AS "deliveredAt", e.resolved_at AS "resolvedAt",
  e.resolve_delivered_at AS "resolveDeliveredAt", e.delivery_attempts AS "deliveryAttempts",
  e.retry_at AS "retryAt", e.first_at AS "firstAt", e.last_at AS "lastAt", e.occurrences`;

/** The stored event as facts for a message; a trigger's path comes from its finding. */
function factsOf(event: LatestEvent, path: string): EventFacts {
  return { ...event, path };
}

/** Resolves whose send failed and whose backoff has passed (the group is not evaluated again). */
async function retryResolves(
  db: Db,
  config: EvaluateConfig,
  rule: Rule,
  now: Date,
  outcome: EvaluateOutcome,
) {
  const due = await db.$queryRawUnsafe<LatestEvent[]>(
    `SELECT ${EVENT_COLUMNS} FROM alert_events e
     WHERE e.tenant_id = $1::uuid AND e.rule_id = $2::uuid AND e.resolved_at IS NOT NULL
       AND e.delivered_at IS NOT NULL AND e.resolve_delivered_at IS NULL
       AND e.resolve_delivery_error IS NOT NULL AND e.retry_at <= $3::timestamptz
       AND e.delivery_attempts < $4
     ORDER BY e.first_at LIMIT 100`,
    rule.tenantId,
    rule.id,
    now,
    MAX_RESOLVE_ATTEMPTS,
  );
  for (const event of due) {
    // claim the retry: a concurrent pass that read the same due time finds it moved
    const claimed = await db.alertEvent.updateMany({
      where: { id: event.id, tenantId: rule.tenantId, retryAt: event.retryAt },
      data: { retryAt: leaseUntil(now) },
    });
    if (claimed.count === 0) continue;
    await sendAlertEvent(
      db,
      config,
      rule,
      'resolved',
      factsOf(event, pathOfGroup(event.groupKey)),
      now,
      outcome,
    );
  }
}

/** A new open event for the group, or null when a concurrent pass opened it first (the unique
 * index on (rule_id, group_key) of unresolved events). */
async function openEvent(db: Db, rule: Rule, finding: Finding, now: Date) {
  const [row] = await db.$queryRaw<{ id: string }[]>`
    INSERT INTO alert_events
      (id, tenant_id, rule_id, group_key, reason, error_class, counts, first_at, last_at, retry_at)
    VALUES (${uuid7()}::uuid, ${rule.tenantId}::uuid, ${rule.id}::uuid, ${finding.groupKey},
      ${finding.reason}, ${finding.errorClass}, ${JSON.stringify(finding.counts)}::jsonb,
      ${now}::timestamptz, ${now}::timestamptz, ${leaseUntil(now)}::timestamptz)
    ON CONFLICT (rule_id, group_key) WHERE resolved_at IS NULL DO NOTHING
    RETURNING id::text`;
  return row ?? null;
}

async function evaluateRule(
  db: Db,
  config: EvaluateConfig,
  rule: Rule,
  findings: Finding[],
  now: Date,
  outcome: EvaluateOutcome,
) {
  // The newest event of every group this rule ever alerted on that is still open, plus those of
  // the groups found now (index (rule_id, group_key, first_at DESC)).
  const latest = await db.$queryRawUnsafe<LatestEvent[]>(
    `SELECT DISTINCT ON (e.group_key) ${EVENT_COLUMNS}
     FROM alert_events e
     WHERE e.tenant_id = $1::uuid AND e.rule_id = $2::uuid
       AND (e.resolved_at IS NULL OR e.group_key = ANY($3::text[]))
     ORDER BY e.group_key, e.first_at DESC, e.id DESC`,
    rule.tenantId,
    rule.id,
    findings.map((f) => f.groupKey),
  );
  const byGroup = new Map(latest.map((e) => [e.groupKey, e]));
  const found = new Map(findings.map((f) => [f.groupKey, f]));
  for (const groupKey of new Set([...found.keys(), ...byGroup.keys()])) {
    const finding = found.get(groupKey);
    const event = byGroup.get(groupKey) ?? null;
    const action = decideAlert({
      holds: !!finding,
      latest: event,
      now,
      quietMinutes: rule.quietMinutes,
    });
    await apply(db, config, rule, action, finding, event, now, outcome);
  }
}

async function apply(
  db: Db,
  config: EvaluateConfig,
  rule: Rule,
  action: AlertAction,
  finding: Finding | undefined,
  event: LatestEvent | null,
  now: Date,
  outcome: EvaluateOutcome,
) {
  const events = db.alertEvent;
  const where = (id: string) => ({ id, tenantId: rule.tenantId });
  switch (action.kind) {
    case 'none':
      return;
    case 'resolve': {
      if (!event) return;
      const claimed = await events.updateMany({
        where: { ...where(event.id), resolvedAt: null },
        data: { resolvedAt: now, retryAt: action.notify ? leaseUntil(now) : null },
      });
      if (claimed.count === 0) return; // another pass resolved it
      outcome.resolved += 1;
      if (action.notify)
        await sendAlertEvent(
          db,
          config,
          rule,
          'resolved',
          { ...factsOf(event, pathOfGroup(event.groupKey)), resolvedAt: now, deliveryAttempts: 0 },
          now,
          outcome,
        );
      return;
    }
    case 'open': {
      if (!finding) return;
      const created = await openEvent(db, rule, finding, now);
      if (!created) return; // another pass opened it and sends its trigger
      outcome.opened += 1;
      const facts: EventFacts = {
        ...finding,
        id: created.id,
        firstAt: now,
        lastAt: now,
        occurrences: 1,
        deliveredAt: null,
        resolvedAt: null,
        deliveryAttempts: 0,
      };
      await sendAlertEvent(db, config, rule, 'triggered', facts, now, outcome);
      return;
    }
    case 'repeat':
    case 'reopen': {
      if (!finding || !event) return;
      // occurrences is the event's version: a pass that read an older one lost the race
      const claimed = await events.updateMany({
        where: { ...where(event.id), occurrences: event.occurrences },
        data: {
          reason: finding.reason,
          errorClass: finding.errorClass,
          counts: finding.counts,
          lastAt: now,
          occurrences: { increment: 1 },
          resolvedAt: null,
          // a resolve still pending is moot once the condition is back
          ...(action.kind === 'reopen' && { resolveDeliveryError: null, retryAt: null }),
          ...(action.deliver && { retryAt: leaseUntil(now) }),
        },
      });
      if (claimed.count === 0) return; // another pass counted this one
      if (action.deliver) {
        const facts: EventFacts = {
          ...finding,
          id: event.id,
          firstAt: event.firstAt,
          lastAt: now,
          occurrences: event.occurrences + 1,
          deliveredAt: event.deliveredAt,
          resolvedAt: null,
          // a reopen starts a new message: its backoff starts over too
          deliveryAttempts: action.kind === 'reopen' ? 0 : event.deliveryAttempts,
        };
        await sendAlertEvent(db, config, rule, 'triggered', facts, now, outcome);
      }
      return;
    }
    default: {
      const never: never = action;
      throw new Error(`unknown alert action ${JSON.stringify(never)}`);
    }
  }
}
