// Flows as the API reads them back (GET /api/v1/flows and /api/v1/flows/{id}): what the Flows
// screens show — route, active mapping version, status and pause — with every setting the flow
// form edits, under the names POST and PATCH take, so a client reads back what it wrote. One flow
// adds the retry budget each retrying error class gets and its transaction count. Read through
// the tenant's scope: another tenant's flow is not found.
import { isUuid } from '@/lib/base/uuid';
import { tenantDb, type Db, type Prisma } from '@/lib/db';
import { pauseView } from '@/lib/engine/connection-health.presenter';
import {
  parseRetryPolicy,
  policyForClass,
  RETRYING_CLASSES,
  type RetryingClass,
} from '@/lib/engine/retry-policy';
import { notFound } from '@/lib/errors';
import { findFlowSla, slaMinutesOf } from './flow-sla';

const NAMED = { select: { key: true, name: true } } as const;

const FLOW_READ_SELECT = {
  id: true,
  key: true,
  name: true,
  status: true,
  pausedAt: true,
  pausedBy: true,
  pauseReason: true,
  sourceConnectionId: true,
  sourceConnection: NAMED,
  eventType: true,
  targetConnectionId: true,
  targetConnection: NAMED,
  operation: true,
  activeMappingVersion: { select: { id: true, version: true, createdAt: true } },
  _count: { select: { mappingVersions: true } },
  retryPolicy: true,
  dependsOnFlowId: true,
  dependsOn: NAMED,
  reconcileScheduled: true,
  reconcileCron: true,
} as const satisfies Prisma.FlowSelect;

type FlowReadRow = Prisma.FlowGetPayload<{ select: typeof FLOW_READ_SELECT }>;

function flowOf(row: FlowReadRow, slaMinutes: number | null) {
  const active = row.activeMappingVersion;
  return {
    id: row.id,
    key: row.key,
    name: row.name,
    status: row.status,
    pause: pauseView(row.status, row),
    sourceConnectionId: row.sourceConnectionId,
    source: row.sourceConnection,
    eventType: row.eventType,
    targetConnectionId: row.targetConnectionId,
    target: row.targetConnection,
    operation: row.operation,
    activeMappingVersion: active
      ? { id: active.id, version: active.version, createdAt: active.createdAt.toISOString() }
      : null,
    mappingVersionCount: row._count.mappingVersions,
    // as the engine reads it (lib/engine/retry-policy.ts): defaults filled in
    retryPolicy: parseRetryPolicy(row.retryPolicy),
    dependsOnFlowId: row.dependsOnFlowId,
    dependsOn: row.dependsOn,
    reconciliation: { scheduled: row.reconcileScheduled, cron: row.reconcileCron },
    slaMinutes,
  };
}

/** Every flow of the tenant (retired ones too: `status` says so), by key. */
export async function listFlows(db: Db, tenantId: string) {
  const scoped = tenantDb(db, tenantId);
  const [rows, rules] = await Promise.all([
    scoped.flow.findMany({ orderBy: { key: 'asc' }, select: FLOW_READ_SELECT }),
    // each flow's own "complete within" rule is its oldest one without a start flow (flow-sla.ts)
    scoped.slaRule.findMany({
      where: { startFlowId: null },
      orderBy: { createdAt: 'asc' },
      select: { id: true, name: true, expectFlowId: true, withinMinutes: true, enabled: true },
    }),
  ]);
  const own = new Map<string, (typeof rules)[number]>();
  for (const rule of rules) if (!own.has(rule.expectFlowId)) own.set(rule.expectFlowId, rule);
  return rows.map((row) => flowOf(row, slaMinutesOf(own.get(row.id) ?? null)));
}

export type FlowListRow = Awaited<ReturnType<typeof listFlows>>[number];

/** One flow in full; NOT_FOUND when it is not the tenant's. */
export async function getFlow(db: Db, tenantId: string, flowId: string) {
  const scoped = tenantDb(db, tenantId);
  const row = isUuid(flowId)
    ? await scoped.flow.findFirst({ where: { id: flowId }, select: FLOW_READ_SELECT })
    : null;
  if (!row) throw notFound('flow');
  const [rule, transactionCount] = await Promise.all([
    findFlowSla(scoped, row.id),
    scoped.transaction.count({ where: { flowId: row.id } }),
  ]);
  const flow = flowOf(row, slaMinutesOf(rule));
  return {
    ...flow,
    retryByClass: Object.fromEntries(
      RETRYING_CLASSES.map((c) => [c, policyForClass(flow.retryPolicy, c)]),
    ) as Record<RetryingClass, ReturnType<typeof policyForClass>>,
    transactionCount,
  };
}

export type FlowRead = Awaited<ReturnType<typeof getFlow>>;
