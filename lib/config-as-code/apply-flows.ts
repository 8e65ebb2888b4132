// Flow writes of an apply, inside its transaction. A change is audited the way the console's own
// actions are, so the audit screen's filters find it: status as flow.paused / flow.resumed, the
// reconciliation schedule as flow.reconcile_schedule_changed, retiring as flow.retired, everything
// else as flow.updated.
import type { AuditEvent } from '@/lib/audit';
import { pauseColumns } from '@/lib/engine/pause-reason';
import { audit, idOf, statusEvent, type ApplyContext } from './apply-context';
import type { FlowDoc } from './document';
import { changedFields } from './plan-diff';

/** What the audit log keeps of a flow: the document's words (keys, not ids). */
function snapshotOf(f: FlowDoc): Record<string, unknown> {
  const { mapping: _mapping, status: _status, pauseReason: _reason, ...fields } = f;
  return fields;
}

function dataOf(ctx: ApplyContext, f: FlowDoc) {
  return {
    name: f.name,
    sourceConnectionId: idOf(ctx.ids.connections, f.source, 'connection'),
    eventType: f.eventType,
    targetConnectionId: idOf(ctx.ids.connections, f.target, 'connection'),
    operation: f.operation,
    retryPolicy: f.retryPolicy,
    dependsOnFlowId: f.dependsOn === null ? null : idOf(ctx.ids.flows, f.dependsOn, 'flow'),
    pollFeed: f.poll?.feed ?? null,
    pollEveryMs: f.poll?.everyMs ?? null,
    reconcileScheduled: f.reconciliation.scheduled,
    reconcileCron: f.reconciliation.cron,
    status: f.status,
  };
}

/** Document field -> the columns it is stored in. */
const COLUMNS: Record<
  Exclude<keyof FlowDoc, 'key' | 'mapping'>,
  (keyof ReturnType<typeof dataOf>)[]
> = {
  name: ['name'],
  source: ['sourceConnectionId'],
  eventType: ['eventType'],
  target: ['targetConnectionId'],
  operation: ['operation'],
  retryPolicy: ['retryPolicy'],
  dependsOn: ['dependsOnFlowId'],
  poll: ['pollFeed', 'pollEveryMs'],
  reconciliation: ['reconcileScheduled', 'reconcileCron'],
  status: ['status'],
  // with the status: the pause columns (pauseColumnsOf)
  pauseReason: [],
};

/** The pause columns a change from `before` to `after` writes, or none. */
function pauseColumnsOf(ctx: ApplyContext, before: FlowDoc | null, after: FlowDoc) {
  const paused = after.status === 'paused';
  if (before && before.status === after.status) {
    // a reworded reason keeps who paused and when: the pause itself did not change
    return paused && before.pauseReason !== after.pauseReason
      ? { pauseReason: after.pauseReason }
      : {};
  }
  return pauseColumns(paused, after.pauseReason, ctx.actor.label);
}

/** Created without a mapping version: the plan's mapping changes for the flow follow. */
export async function createFlow(ctx: ApplyContext, f: FlowDoc): Promise<void> {
  const row = await ctx.tx.flow.create({
    data: {
      tenantId: ctx.tenantId,
      key: f.key,
      ...dataOf(ctx, f),
      ...(f.status === 'paused' && pauseColumnsOf(ctx, null, f)),
    },
    select: { id: true },
  });
  ctx.ids.flows.set(f.key, row.id);
  await audit(ctx, {
    action: 'flow.created',
    objectType: 'flow',
    objectId: row.id,
    before: null,
    after: { ...snapshotOf(f), status: f.status, pauseReason: f.pauseReason },
  });
}

export async function updateFlow(ctx: ApplyContext, before: FlowDoc, after: FlowDoc) {
  const id = idOf(ctx.ids.flows, after.key, 'flow');
  const fields = changedFields(before, after, ['key', 'mapping']) as (keyof typeof COLUMNS)[];
  if (fields.length === 0) return;
  const data = dataOf(ctx, after);
  const columns = fields.flatMap((f) => COLUMNS[f]);
  await ctx.tx.flow.updateMany({
    where: { id, tenantId: ctx.tenantId },
    data: {
      ...Object.fromEntries(columns.map((c) => [c, data[c]])),
      ...pauseColumnsOf(ctx, before, after),
    },
  });
  const other = fields.filter(
    (f) => f !== 'status' && f !== 'pauseReason' && f !== 'reconciliation',
  );
  if (other.length > 0) {
    const pick = (f: FlowDoc) => Object.fromEntries(other.map((k) => [k, snapshotOf(f)[k]]));
    await audit(ctx, {
      action: 'flow.updated',
      objectType: 'flow',
      objectId: id,
      before: pick(before),
      after: pick(after),
    });
  }
  if (fields.includes('reconciliation')) {
    const schedule = (f: FlowDoc) => ({
      flow: f.key,
      scheduled: f.reconciliation.scheduled,
      cron: f.reconciliation.cron,
    });
    await audit(ctx, {
      action: 'flow.reconcile_schedule_changed',
      objectType: 'flow',
      objectId: id,
      before: schedule(before),
      after: schedule(after),
    });
  }
  if (fields.includes('status') || fields.includes('pauseReason')) {
    await audit(ctx, flowStatusEvent(id, before, after));
    if (after.status === 'active') ctx.resumed.add(data.targetConnectionId);
  }
}

/**
 * Retiring and reactivating are the console's words too (lib/flows): retired is its own entry,
 * bringing a retired flow back is an edit of its status; pause and resume read as they always did.
 */
function flowStatusEvent(id: string, before: FlowDoc, after: FlowDoc): AuditEvent {
  const from = before.status;
  const to = after.status;
  if (to === 'retired')
    return {
      action: 'flow.retired',
      objectType: 'flow',
      objectId: id,
      before: { status: from },
      after: { status: to },
    };
  if (from === 'retired')
    return {
      action: 'flow.updated',
      objectType: 'flow',
      objectId: id,
      before: { status: from },
      after: { status: to },
    };
  return statusEvent(
    'flow',
    id,
    { status: from, pauseReason: before.pauseReason },
    { status: to, pauseReason: after.pauseReason },
  );
}

/**
 * Deletes a flow the plan found without history. Only flows that go too may depend on it (the
 * plan refused the rest): their dependency is cleared, and its own active version pointer, before
 * its versions go with it.
 */
export async function deleteFlow(ctx: ApplyContext, flow: FlowDoc): Promise<void> {
  const id = idOf(ctx.ids.flows, flow.key, 'flow');
  await ctx.tx.flow.updateMany({
    where: { dependsOnFlowId: id, tenantId: ctx.tenantId },
    data: { dependsOnFlowId: null },
  });
  await ctx.tx.flow.updateMany({
    where: { id, tenantId: ctx.tenantId },
    data: { activeMappingVersionId: null },
  });
  await ctx.tx.flow.deleteMany({ where: { id, tenantId: ctx.tenantId } });
  ctx.ids.flows.delete(flow.key);
  await audit(ctx, {
    action: 'flow.deleted',
    objectType: 'flow',
    objectId: id,
    before: {
      ...snapshotOf(flow),
      status: flow.status,
      mappingVersions: flow.mapping.versions.length,
    },
    after: null,
  });
}
