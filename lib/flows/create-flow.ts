// Creates a flow: source connection + event type -> target connection + operation, with its retry
// policy, dependency, reconciliation schedule and SLA. It starts without a mapping version: its
// transactions go to review until one is active (the mapping workbench is the next step). The
// flow, its SLA rule and their audit entries commit together.
import { recordChange, type ChangedBy } from '@/lib/audit/record-change';
import { tenantDb, UNIQUE_VIOLATION, type Db, type Prisma } from '@/lib/db';
import { flowInputSchema, parseFlowInput, type FlowInput } from './flow-input';
import { syncFlowSla } from './flow-sla';
import { checkFlowRoute, FLOW_SELECT, keyTaken, snapshotOf } from './flow-rules';

export async function createFlow(
  db: Db,
  tenantId: string,
  /** parsed here: the form, the API and the tests hand it over as they have it */
  input: FlowInput | Record<string, unknown>,
  by: ChangedBy,
): Promise<{ id: string; key: string; name: string }> {
  const values = parseFlowInput(flowInputSchema, input);
  try {
    return await tenantDb(db, tenantId).$transaction(async (tx) => {
      await checkFlowRoute(tx, values, null);
      const flow = await tx.flow.create({
        data: {
          tenantId,
          key: values.key,
          name: values.name,
          sourceConnectionId: values.sourceConnectionId,
          eventType: values.eventType,
          targetConnectionId: values.targetConnectionId,
          operation: values.operation,
          retryPolicy: values.retryPolicy as Prisma.InputJsonObject,
          dependsOnFlowId: values.dependsOnFlowId,
          reconcileScheduled: values.reconciliation.scheduled,
          reconcileCron: values.reconciliation.cron,
        },
        select: FLOW_SELECT,
      });
      await recordChange(tx, tenantId, by, {
        action: 'flow.created',
        objectType: 'flow',
        objectId: flow.id,
        before: null,
        after: snapshotOf(flow, values.slaMinutes),
      });
      await syncFlowSla(tx, tenantId, by, flow, values.slaMinutes);
      return { id: flow.id, key: flow.key, name: flow.name };
    });
  } catch (error) {
    // two admins creating the same key at once: the unique index decides
    if ((error as { code?: unknown } | null)?.code === UNIQUE_VIOLATION) throw keyTaken(values.key);
    throw error;
  }
}
