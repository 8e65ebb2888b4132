// Edits a flow: the whole form again (flow-input.ts), plus optionally its status — the only way a
// retired flow comes back. The audit entry keeps the fields that changed, before and after; a
// submission that changes nothing records nothing. A flow with transactions keeps its route
// (source, event type, target, operation): its history says where those transactions went, so a
// new route is a new flow (retire this one).
import { recordChange, type ChangedBy } from '@/lib/audit/record-change';
import { tenantDb, UNIQUE_VIOLATION, type Db, type Prisma } from '@/lib/db';
import { notFound } from '@/lib/errors';
import type { WakeDrains } from '@/lib/queue/wake-drains';
import {
  fieldError,
  flowPatchSchema,
  flowUpdateSchema,
  parseFlowInput,
  type FlowUpdateInput,
} from './flow-input';
import { findFlowSettings } from './flow-form.presenter';
import { findFlowSla, slaMinutesOf, syncFlowSla } from './flow-sla';
import { checkFlowRoute, FLOW_SELECT, keyTaken, snapshotOf } from './flow-rules';

const ROUTE = ['sourceConnectionId', 'eventType', 'targetConnectionId', 'operation'] as const;

export interface UpdateFlowResult {
  id: string;
  key: string;
  name: string;
  status: string;
  /** the snapshot fields that changed, e.g. ["retryPolicy", "slaMinutes"] */
  changed: string[];
}

export async function updateFlow(
  db: Db,
  tenantId: string,
  id: string,
  /** parsed here, like createFlow's */
  input: FlowUpdateInput | Record<string, unknown>,
  by: ChangedBy & { wake?: WakeDrains },
): Promise<UpdateFlowResult> {
  const values = parseFlowInput(flowUpdateSchema, input);
  const result = await tenantDb(db, tenantId)
    .$transaction(async (tx) => {
      // locked: two edits of one flow apply one after the other, each diffing what it saw
      await tx.$queryRaw`SELECT id FROM flows WHERE id = ${id}::uuid AND tenant_id = ${tenantId}::uuid FOR UPDATE`;
      const before = await tx.flow.findFirst({ where: { id }, select: FLOW_SELECT });
      if (!before) throw notFound('flow');
      const names = await checkFlowRoute(tx, values, id);
      const rerouted = ROUTE.filter((f) => values[f] !== before[f]);
      if (rerouted.length > 0) {
        const used = await tx.transaction.count({ where: { flowId: id } });
        if (used > 0)
          throw fieldError(
            'CONFLICT',
            rerouted[0] ?? 'sourceConnectionId',
            `this flow has ${used} transaction${used === 1 ? '' : 's'}: its route is part of their history — retire it and create a new flow instead`,
          );
      }
      const status = values.status ?? before.status;
      const after = {
        ...before,
        key: values.key,
        name: values.name,
        sourceConnectionId: values.sourceConnectionId,
        eventType: values.eventType,
        targetConnectionId: values.targetConnectionId,
        operation: values.operation,
        retryPolicy: values.retryPolicy,
        dependsOnFlowId: values.dependsOnFlowId,
        reconcileScheduled: values.reconciliation.scheduled,
        reconcileCron: values.reconciliation.cron,
        status,
        sourceConnection: { name: names.source },
        targetConnection: { name: names.target },
        dependsOn: names.dependsOn === null ? null : { name: names.dependsOn },
      };
      const was = snapshotOf(before, slaMinutesOf(await findFlowSla(tx, id)));
      const now = snapshotOf(after, values.slaMinutes);
      const changed = Object.keys(now).filter(
        (k) => JSON.stringify(was[k]) !== JSON.stringify(now[k]),
      );
      const outcome = { id, key: after.key, name: after.name, status, changed };
      if (changed.length === 0) return { ...outcome, wakeTarget: null };
      await tx.flow.update({
        where: { id },
        data: {
          key: after.key,
          name: after.name,
          sourceConnectionId: after.sourceConnectionId,
          eventType: after.eventType,
          targetConnectionId: after.targetConnectionId,
          operation: after.operation,
          retryPolicy: after.retryPolicy as Prisma.InputJsonObject,
          dependsOnFlowId: after.dependsOnFlowId,
          reconcileScheduled: after.reconcileScheduled,
          reconcileCron: after.reconcileCron,
          status,
        },
        select: { id: true },
      });
      // Retiring through the edit is recorded as a retirement, like the Retire button's.
      const retiring = status === 'retired' && before.status !== 'retired';
      const edited = changed.filter((k) => !(retiring && k === 'status'));
      const pick = (s: Record<string, unknown>) =>
        Object.fromEntries(['key', ...edited].map((k) => [k, s[k]]));
      if (edited.length > 0)
        await recordChange(tx, tenantId, by, {
          action: 'flow.updated',
          objectType: 'flow',
          objectId: id,
          before: pick(was),
          after: pick(now),
        });
      if (retiring)
        await recordChange(tx, tenantId, by, {
          action: 'flow.retired',
          objectType: 'flow',
          objectId: id,
          before: { key: after.key, status: before.status },
          after: { key: after.key, status },
        });
      await syncFlowSla(tx, tenantId, by, after, values.slaMinutes);
      const released = status === 'active' && before.status !== 'active';
      return { ...outcome, wakeTarget: released ? after.targetConnectionId : null };
    })
    .catch((error: unknown) => {
      if ((error as { code?: unknown } | null)?.code === UNIQUE_VIOLATION)
        throw keyTaken(values.key);
      throw error;
    });
  const { wakeTarget, ...answer } = result;
  // work that waited while the flow was paused (or retired) may go out now
  if (wakeTarget && by.wake) await by.wake(tenantId, [wakeTarget]);
  return answer;
}

/**
 * The API's PATCH: the fields given over the flow's current settings (retryPolicy and
 * reconciliation one level deep), then the same checks and audit as the form's save.
 */
export async function patchFlow(
  db: Db,
  tenantId: string,
  id: string,
  patch: unknown,
  by: ChangedBy & { wake?: WakeDrains },
): Promise<UpdateFlowResult> {
  const given = parseFlowInput(flowPatchSchema, patch);
  const current = await findFlowSettings(db, tenantId, id);
  if (!current) throw notFound('flow');
  const { id: _id, transactionCount: _count, status: _status, ...fields } = current;
  return updateFlow(
    db,
    tenantId,
    id,
    {
      ...fields,
      ...given,
      retryPolicy: { ...fields.retryPolicy, ...given.retryPolicy },
      reconciliation: { ...fields.reconciliation, ...given.reconciliation },
    },
    by,
  );
}
