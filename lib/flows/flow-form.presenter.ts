// What the flow form shows: every connection with the event types it can start a flow with and
// the operations it runs (from its adapter; a source keeps the event types its flows already use),
// the flows one may wait for, and — when editing — the flow's current settings.
import { tenantDb, type Db } from '@/lib/db';
import { parseRetryPolicy, RETRYING_CLASSES, type RetryPolicy } from '@/lib/engine/retry-policy';
import { findFlowSla, slaMinutesOf } from './flow-sla';
import { eventTypesOf, offerOf } from './flow-rules';

export interface FlowFormConnection {
  id: string;
  name: string;
  provider: string;
  eventTypes: string[];
  operations: string[];
}

export interface FlowFormOptions {
  connections: FlowFormConnection[];
  /** flows a flow may wait for (retired ones included: a dependency may point at history) */
  flows: { id: string; name: string; status: string }[];
  retryingClasses: readonly string[];
}

export async function listFlowFormOptions(db: Db, tenantId: string): Promise<FlowFormOptions> {
  const scoped = tenantDb(db, tenantId);
  const [connections, flows] = await Promise.all([
    scoped.connection.findMany({
      orderBy: { name: 'asc' },
      select: { id: true, name: true, provider: true, settings: true },
    }),
    scoped.flow.findMany({
      orderBy: { name: 'asc' },
      select: { id: true, name: true, status: true },
    }),
  ]);
  return {
    connections: await Promise.all(
      connections.map(async (c) => ({
        id: c.id,
        name: c.name,
        provider: c.provider,
        eventTypes: await eventTypesOf(scoped, c),
        operations: offerOf(c).operations,
      })),
    ),
    flows,
    retryingClasses: RETRYING_CLASSES,
  };
}

export interface FlowSettings {
  id: string;
  key: string;
  name: string;
  status: 'active' | 'paused' | 'retired';
  sourceConnectionId: string;
  eventType: string;
  targetConnectionId: string;
  operation: string;
  retryPolicy: RetryPolicy;
  dependsOnFlowId: string | null;
  reconciliation: { scheduled: boolean; cron: string | null };
  slaMinutes: number | null;
  /** a flow with transactions keeps its route and is never deleted */
  transactionCount: number;
}

export async function findFlowSettings(
  db: Db,
  tenantId: string,
  id: string,
): Promise<FlowSettings | null> {
  const scoped = tenantDb(db, tenantId);
  const flow = await scoped.flow.findFirst({
    where: { id },
    select: {
      id: true,
      key: true,
      name: true,
      status: true,
      sourceConnectionId: true,
      eventType: true,
      targetConnectionId: true,
      operation: true,
      retryPolicy: true,
      dependsOnFlowId: true,
      reconcileScheduled: true,
      reconcileCron: true,
    },
  });
  if (!flow) return null;
  const [sla, transactionCount] = await Promise.all([
    findFlowSla(scoped, id),
    scoped.transaction.count({ where: { flowId: id } }),
  ]);
  const { reconcileScheduled, reconcileCron, retryPolicy, ...rest } = flow;
  return {
    ...rest,
    retryPolicy: parseRetryPolicy(retryPolicy),
    reconciliation: { scheduled: reconcileScheduled, cron: reconcileCron },
    slaMinutes: slaMinutesOf(sla),
    transactionCount,
  };
}
