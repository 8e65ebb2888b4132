// SLA and alert rules are matched by name: a renamed rule is one deleted and one created.
import type { AlertRuleDoc, SlaRuleDoc } from './document';
import { describeDiffs, diffFields, pair } from './plan-diff';
import type { ConfigChange } from './plan-types';

export function planSlaRules(current: SlaRuleDoc[], desired: SlaRuleDoc[]): ConfigChange[] {
  const { added, kept, removed } = pair(current, desired, (r) => r.name);
  return [
    ...added.map((rule): ConfigChange => ({
      kind: 'sla_rule.create',
      summary: `create SLA rule "${rule.name}"`,
      rule,
    })),
    ...kept.flatMap(({ before, after }): ConfigChange[] => {
      const diffs = diffFields(before, after);
      return diffs.length === 0
        ? []
        : [
            {
              kind: 'sla_rule.update',
              summary: `update SLA rule "${after.name}": ${describeDiffs(diffs)}`,
              before,
              after,
            },
          ];
    }),
    ...removed.map((rule): ConfigChange => ({
      kind: 'sla_rule.delete',
      summary: `delete SLA rule "${rule.name}"`,
      rule,
    })),
  ];
}

export function planAlertRules(current: AlertRuleDoc[], desired: AlertRuleDoc[]) {
  const { added, kept, removed } = pair(current, desired, (r) => r.name);
  const changes: ConfigChange[] = [];
  const conflicts: string[] = [];
  for (const rule of added)
    changes.push({
      kind: 'alert_rule.create',
      summary: `create alert rule "${rule.name}" (${rule.kind})`,
      rule,
    });
  for (const { before, after } of kept) {
    if (before.kind !== after.kind) {
      conflicts.push(
        `alert rule "${after.name}": the kind cannot change (${before.kind} -> ${after.kind}); give the new rule another name`,
      );
      continue;
    }
    const diffs = diffFields(before, after);
    if (diffs.length > 0)
      changes.push({
        kind: 'alert_rule.update',
        summary: `update alert rule "${after.name}": ${describeDiffs(diffs, ['webhookUrl'])}`,
        before,
        after,
      });
  }
  for (const rule of removed)
    changes.push({ kind: 'alert_rule.delete', summary: `delete alert rule "${rule.name}"`, rule });
  return { changes, conflicts };
}
