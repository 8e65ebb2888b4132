// Deletes a flow that never carried anything: no transaction, no reconciliation run. A flow with
// history is never deleted (retire it instead). Refused too while another flow waits for it or an
// SLA or alert rule other than its own "complete within" rule watches it. Its own rule (and that
// rule's breaches), its mapping versions and the flow go together, each deletion audited.
import { recordChange, type ChangedBy } from '@/lib/audit/record-change';
import { tenantDb, type Db } from '@/lib/db';
import { AppError, notFound } from '@/lib/errors';
import { findFlowSla, slaMinutesOf } from './flow-sla';
import { FLOW_SELECT, snapshotOf } from './flow-rules';

const names = (rows: { name: string }[]) => rows.map((r) => `"${r.name}"`).join(', ');

export async function deleteFlow(
  db: Db,
  tenantId: string,
  id: string,
  by: ChangedBy,
): Promise<{ id: string; key: string; name: string }> {
  return tenantDb(db, tenantId).$transaction(async (tx) => {
    // the lock holds off ingest: a transaction references the flow, so its insert waits for us
    await tx.$queryRaw`SELECT id FROM flows WHERE id = ${id}::uuid AND tenant_id = ${tenantId}::uuid FOR UPDATE`;
    const flow = await tx.flow.findFirst({ where: { id }, select: FLOW_SELECT });
    if (!flow) throw notFound('flow');
    const [transactions, runs, dependents, own, slaRules, alertRules] = await Promise.all([
      tx.transaction.count({ where: { flowId: id } }),
      tx.reconciliationRun.count({ where: { flowId: id } }),
      tx.flow.findMany({ where: { dependsOnFlowId: id }, select: { name: true } }),
      findFlowSla(tx, id),
      tx.slaRule.findMany({
        where: { OR: [{ startFlowId: id }, { expectFlowId: id }] },
        select: { id: true, name: true },
      }),
      tx.alertRule.findMany({
        where: { params: { path: ['flowId'], equals: id } },
        select: { name: true },
      }),
    ]);
    if (transactions > 0)
      throw new AppError(
        'CONFLICT',
        `this flow has ${transactions} transaction${transactions === 1 ? '' : 's'}: a flow with history is never deleted — retire it instead`,
      );
    if (runs > 0)
      throw new AppError(
        'CONFLICT',
        'this flow has reconciliation runs: a flow with history is never deleted — retire it instead',
      );
    if (dependents.length > 0)
      throw new AppError(
        'CONFLICT',
        `${names(dependents)} wait(s) for this flow: change that first`,
      );
    const others = slaRules.filter((r) => r.id !== own?.id);
    if (others.length > 0)
      throw new AppError(
        'CONFLICT',
        `SLA rule(s) ${names(others)} watch this flow: change them first`,
      );
    if (alertRules.length > 0)
      throw new AppError(
        'CONFLICT',
        `alert rule(s) ${names(alertRules)} watch this flow: change them first`,
      );

    if (own) {
      await tx.slaBreach.deleteMany({ where: { ruleId: own.id } });
      await tx.slaRule.delete({ where: { id: own.id }, select: { id: true } });
      await recordChange(tx, tenantId, by, {
        action: 'sla_rule.deleted',
        objectType: 'sla_rule',
        objectId: own.id,
        before: {
          name: own.name,
          expectFlowId: id,
          expectFlow: flow.name,
          withinMinutes: own.withinMinutes,
          enabled: own.enabled,
        },
        after: null,
      });
    }
    // the active version pointer first: the versions go with the flow (on delete cascade)
    await tx.flow.update({
      where: { id },
      data: { activeMappingVersionId: null },
      select: { id: true },
    });
    const versions = await tx.mappingVersion.count({ where: { flowId: id } });
    await tx.flow.delete({ where: { id }, select: { id: true } });
    await recordChange(tx, tenantId, by, {
      action: 'flow.deleted',
      objectType: 'flow',
      objectId: id,
      before: { ...snapshotOf(flow, slaMinutesOf(own)), mappingVersions: versions },
      after: null,
    });
    return { id, key: flow.key, name: flow.name };
  });
}
