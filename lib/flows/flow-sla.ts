// "Complete within N minutes" on the flow form is the SLA rule that expects this flow with no
// start flow (the clock starts when the flow's own transaction is created: lib/sla/check-slas.ts).
// The form creates it, changes its minutes, or disables it (kept, with its breach history, so
// switching it back on is an edit too). Written in the flow's transaction, audited as the SLA
// screen audits its own changes.
import { recordChange, type ChangedBy } from '@/lib/audit/record-change';
import type { TenantTx } from '@/lib/db';

interface FlowSlaRule {
  id: string;
  name: string;
  withinMinutes: number;
  enabled: boolean;
}

/** The flow's own SLA rule (the oldest, should there be several), or null. */
export function findFlowSla(tx: Pick<TenantTx, 'slaRule'>, flowId: string) {
  return tx.slaRule.findFirst({
    where: { expectFlowId: flowId, startFlowId: null },
    orderBy: { createdAt: 'asc' },
    select: { id: true, name: true, withinMinutes: true, enabled: true },
  });
}

/** The minutes the form shows: null when there is no rule or it is switched off. */
export const slaMinutesOf = (rule: FlowSlaRule | null): number | null =>
  rule?.enabled ? rule.withinMinutes : null;

const snapshot = (flow: { id: string; name: string }, rule: Omit<FlowSlaRule, 'id'>) => ({
  name: rule.name,
  startFlowId: null,
  startFlow: null,
  expectFlowId: flow.id,
  expectFlow: flow.name,
  withinMinutes: rule.withinMinutes,
  enabled: rule.enabled,
});

/** Makes the flow's SLA rule say `minutes` (null: off). Changes nothing when it already does. */
export async function syncFlowSla(
  tx: TenantTx,
  tenantId: string,
  by: ChangedBy,
  flow: { id: string; key: string; name: string },
  minutes: number | null,
): Promise<void> {
  const rule = await findFlowSla(tx, flow.id);
  if (slaMinutesOf(rule) === minutes) return;
  if (!rule) {
    if (minutes === null) return;
    const created = await tx.slaRule.create({
      data: {
        tenantId,
        // the key keeps the name unique (configuration documents name rules by their name)
        name: `${flow.key} completes within ${minutes} min`,
        startFlowId: null,
        expectFlowId: flow.id,
        withinMinutes: minutes,
      },
      select: { id: true, name: true, withinMinutes: true, enabled: true },
    });
    await recordChange(tx, tenantId, by, {
      action: 'sla_rule.created',
      objectType: 'sla_rule',
      objectId: created.id,
      before: null,
      after: snapshot(flow, created),
    });
    return;
  }
  const next =
    minutes === null
      ? { ...rule, enabled: false }
      : { ...rule, withinMinutes: minutes, enabled: true };
  await tx.slaRule.update({
    where: { id: rule.id },
    data: { withinMinutes: next.withinMinutes, enabled: next.enabled },
    select: { id: true },
  });
  await recordChange(tx, tenantId, by, {
    action: 'sla_rule.updated',
    objectType: 'sla_rule',
    objectId: rule.id,
    before: snapshot(flow, rule),
    after: snapshot(flow, next),
  });
}
