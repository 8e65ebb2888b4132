// The checks a flow's route must pass before it is written, and what the audit log keeps of a
// flow. Connections and flows are read through the tenant's scope, so another tenant's id reads
// exactly like one that never existed. Event types and operations come from each connection's
// adapter (adapterFor: a coded provider's are fixed, the generic HTTP kind's come from settings).
import type { TenantTx } from '@/lib/db';
import { parseRetryPolicy } from '@/lib/engine/retry-policy';
import { adapterFor, type AdapterSource } from '@/lib/providers/registry';
import { fieldError, type FlowValues } from './flow-input';

/** What one connection offers a flow: the events it can start one with, the operations it runs. */
export function offerOf(connection: AdapterSource): { eventTypes: string[]; operations: string[] } {
  try {
    const adapter = adapterFor(connection);
    return { eventTypes: [...adapter.eventTypes], operations: Object.keys(adapter.operations) };
  } catch {
    // a connection whose provider is no longer known offers nothing (its flows stay as they are)
    return { eventTypes: [], operations: [] };
  }
}

const CONNECTION = { id: true, name: true, provider: true, settings: true } as const;

/** How far a dependency chain is followed: demo chains are 1-2 long; past this it is a mistake. */
const MAX_CHAIN = 50;

/**
 * Checks the route of a flow (new when `flowId` is null) and answers the names the audit entry
 * uses. Every refusal names its field: the form shows it there, the API answers it in `details`.
 */
export async function checkFlowRoute(
  tx: TenantTx,
  values: FlowValues,
  flowId: string | null,
): Promise<{ source: string; target: string; dependsOn: string | null }> {
  const [source, target] = await Promise.all([
    tx.connection.findFirst({ where: { id: values.sourceConnectionId }, select: CONNECTION }),
    tx.connection.findFirst({ where: { id: values.targetConnectionId }, select: CONNECTION }),
  ]);
  if (!source)
    throw fieldError('VALIDATION_FAILED', 'sourceConnectionId', 'choose one of the connections');
  if (!target)
    throw fieldError('VALIDATION_FAILED', 'targetConnectionId', 'choose one of the connections');

  const events = await eventTypesOf(tx, source);
  if (!events.includes(values.eventType))
    throw fieldError(
      'VALIDATION_FAILED',
      'eventType',
      events.length === 0
        ? `${source.name} sends no events a flow can start with`
        : `${source.name} does not send "${values.eventType}" (it sends ${events.join(', ')})`,
    );
  const { operations } = offerOf(target);
  if (!operations.includes(values.operation))
    throw fieldError(
      'VALIDATION_FAILED',
      'operation',
      operations.length === 0
        ? `${target.name} has no operations`
        : `${target.name} has no operation "${values.operation}" (it has ${operations.join(', ')})`,
    );

  const dependsOn = await checkDependency(tx, values.dependsOnFlowId, flowId);
  const taken = await tx.flow.findFirst({
    where: { key: values.key, ...(flowId && { id: { not: flowId } }) },
    select: { id: true },
  });
  if (taken) throw keyTaken(values.key);
  return { source: source.name, target: target.name, dependsOn };
}

export const keyTaken = (key: string) =>
  fieldError('CONFLICT', 'key', `another flow already has the key "${key}"`);

/** The adapter's event types, and any a flow of this source already uses (kept selectable). */
export async function eventTypesOf(
  tx: Pick<TenantTx, 'flow'>,
  source: AdapterSource & { id: string },
): Promise<string[]> {
  const used = await tx.flow.findMany({
    where: { sourceConnectionId: source.id },
    select: { eventType: true },
    distinct: ['eventType'],
  });
  return [...new Set([...offerOf(source).eventTypes, ...used.map((f) => f.eventType)])];
}

/** The dependency must be another flow of the tenant, and must not lead back to this one. */
async function checkDependency(
  tx: TenantTx,
  dependsOnFlowId: string | null,
  flowId: string | null,
): Promise<string | null> {
  if (dependsOnFlowId === null) return null;
  if (dependsOnFlowId === flowId)
    throw fieldError('VALIDATION_FAILED', 'dependsOnFlowId', 'a flow cannot wait for itself');
  const chain: string[] = [];
  let next: string | null = dependsOnFlowId;
  for (let step = 0; next !== null && step < MAX_CHAIN; step++) {
    const found: { name: string; dependsOnFlowId: string | null } | null = await tx.flow.findFirst({
      where: { id: next },
      select: { name: true, dependsOnFlowId: true },
    });
    if (!found) {
      if (step === 0)
        throw fieldError('VALIDATION_FAILED', 'dependsOnFlowId', 'choose one of the flows');
      break; // a dangling pointer further up is not this edit's doing
    }
    chain.push(found.name);
    if (found.dependsOnFlowId !== null && found.dependsOnFlowId === flowId)
      throw fieldError(
        'VALIDATION_FAILED',
        'dependsOnFlowId',
        `that would be a circle: ${chain.join(' waits for ')} waits for this flow`,
      );
    next = found.dependsOnFlowId;
  }
  return chain[0] ?? null;
}

export const FLOW_SELECT = {
  id: true,
  key: true,
  name: true,
  sourceConnectionId: true,
  eventType: true,
  targetConnectionId: true,
  operation: true,
  retryPolicy: true,
  dependsOnFlowId: true,
  reconcileScheduled: true,
  reconcileCron: true,
  status: true,
  sourceConnection: { select: { name: true } },
  targetConnection: { select: { name: true } },
  dependsOn: { select: { name: true } },
} as const;

export interface FlowRow {
  id: string;
  key: string;
  name: string;
  sourceConnectionId: string;
  eventType: string;
  targetConnectionId: string;
  operation: string;
  retryPolicy: unknown;
  dependsOnFlowId: string | null;
  reconcileScheduled: boolean;
  reconcileCron: string | null;
  status: string;
  sourceConnection: { name: string };
  targetConnection: { name: string };
  dependsOn: { name: string } | null;
}

/** What the audit log keeps of a flow: its settings with the connections and flows named. */
export function snapshotOf(flow: FlowRow, slaMinutes: number | null): Record<string, unknown> {
  return {
    key: flow.key,
    name: flow.name,
    sourceConnectionId: flow.sourceConnectionId,
    source: flow.sourceConnection.name,
    eventType: flow.eventType,
    targetConnectionId: flow.targetConnectionId,
    target: flow.targetConnection.name,
    operation: flow.operation,
    // as the engine reads it: defaults filled in, so before and after compare field by field
    retryPolicy: parseRetryPolicy(flow.retryPolicy),
    dependsOnFlowId: flow.dependsOnFlowId,
    dependsOn: flow.dependsOn?.name ?? null,
    reconciliation: { scheduled: flow.reconcileScheduled, cron: flow.reconcileCron },
    slaMinutes,
    status: flow.status,
  };
}
