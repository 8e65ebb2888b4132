// The 'alerts.evaluate' pass (every minute): for each enabled alert rule, find what its condition
// holds for now (one finding per group), then per group open, repeat, reopen or resolve its event
// (alert-decision.ts) and deliver what needs delivering. No storm: one message per rule and group,
// then silence for the quiet period while the condition persists (occurrences counts the repeats).
// A failed delivery is recorded on the event and retried at the next pass; nothing here throws
// for one rule's sake: a rule with bad parameters or a broken secret is reported and skipped.
import type { Db } from '@/lib/db';
import type { KeyRing } from '@/lib/crypto/key-ring';
import { decideAlert, type AlertAction } from './alert-decision';
import { findConditions, type Finding } from './alert-conditions';
import { parseAlertRule } from './alert-rule-params';
import { sendAlertEvent } from './send-alert-event';
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
  deliveredAt: Date | null;
  resolvedAt: Date | null;
  firstAt: Date;
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
      webhookUrl: true,
      secretEncrypted: true,
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
  }
  return outcome;
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
  const latest = await db.$queryRaw<LatestEvent[]>`
    SELECT DISTINCT ON (e.group_key) e.id::text, e.group_key AS "groupKey",
      e.delivered_at AS "deliveredAt", e.resolved_at AS "resolvedAt", e.first_at AS "firstAt",
      e.occurrences
    FROM alert_events e
    WHERE e.tenant_id = ${rule.tenantId}::uuid AND e.rule_id = ${rule.id}::uuid
      AND (e.resolved_at IS NULL OR e.group_key = ANY(${findings.map((f) => f.groupKey)}::text[]))
    ORDER BY e.group_key, e.first_at DESC, e.id DESC`;
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
    case 'resolve':
      if (event) await events.update({ where: where(event.id), data: { resolvedAt: now } });
      outcome.resolved += 1;
      return;
    case 'open': {
      if (!finding) return;
      const created = await events.create({
        data: {
          tenantId: rule.tenantId,
          ruleId: rule.id,
          groupKey: finding.groupKey,
          reason: finding.reason,
          errorClass: finding.errorClass,
          counts: finding.counts,
          firstAt: now,
          lastAt: now,
        },
        select: { id: true },
      });
      outcome.opened += 1;
      await sendAlertEvent(
        db,
        config,
        rule,
        finding,
        { id: created.id, firstAt: now, occurrences: 1 },
        now,
        outcome,
      );
      return;
    }
    case 'repeat':
    case 'reopen': {
      if (!finding || !event) return;
      await events.update({
        where: where(event.id),
        data: {
          reason: finding.reason,
          errorClass: finding.errorClass,
          counts: finding.counts,
          lastAt: now,
          occurrences: { increment: 1 },
          resolvedAt: null,
        },
      });
      if (action.kind === 'repeat' && action.deliver) {
        const current = {
          id: event.id,
          firstAt: event.firstAt,
          occurrences: event.occurrences + 1,
        };
        await sendAlertEvent(db, config, rule, finding, current, now, outcome);
      }
      return;
    }
    default: {
      const never: never = action;
      throw new Error(`unknown alert action ${JSON.stringify(never)}`);
    }
  }
}
