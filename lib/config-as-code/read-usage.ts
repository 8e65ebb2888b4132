// The history that decides whether the plan may delete or reroute something, counted only for the
// flows and connections it would touch. Those rows are locked first: recording a webhook or a
// transaction references them (a foreign key check takes a share lock on the row), so nothing can
// appear between the count and the delete — the apply either sees it or runs before it.
import type { TenantTx } from '@/lib/db';
import type { ConfigUsage } from './plan-types';
import type { StateIds } from './read-state';

interface Counted {
  id: string;
  n: number;
}

function byKey(ids: Map<string, string>, rows: Counted[]): Record<string, number> {
  const keyOf = new Map([...ids].map(([key, id]) => [id, key]));
  return Object.fromEntries(rows.map((r) => [keyOf.get(r.id) ?? r.id, r.n]));
}

export async function readUsage(
  tx: TenantTx,
  tenantId: string,
  ids: StateIds,
  needed: { flows: string[]; connections: string[] },
): Promise<ConfigUsage> {
  const flowIds = needed.flows.flatMap((k) => ids.flows.get(k) ?? []);
  const connectionIds = needed.connections.flatMap((k) => ids.connections.get(k) ?? []);
  await tx.$queryRaw`
    SELECT id::text FROM flows
    WHERE tenant_id = ${tenantId}::uuid AND id = ANY(${flowIds}::uuid[]) FOR UPDATE`;
  await tx.$queryRaw`
    SELECT id::text FROM connections
    WHERE tenant_id = ${tenantId}::uuid AND id = ANY(${connectionIds}::uuid[]) FOR UPDATE`;
  const [transactions, runs, events] = await Promise.all([
    tx.$queryRaw<Counted[]>`
      SELECT flow_id::text AS id, count(*)::int AS n FROM transactions
      WHERE tenant_id = ${tenantId}::uuid AND flow_id = ANY(${flowIds}::uuid[]) GROUP BY flow_id`,
    tx.$queryRaw<Counted[]>`
      SELECT flow_id::text AS id, count(*)::int AS n FROM reconciliation_runs
      WHERE tenant_id = ${tenantId}::uuid AND flow_id = ANY(${flowIds}::uuid[]) GROUP BY flow_id`,
    tx.$queryRaw<Counted[]>`
      SELECT connection_id::text AS id, count(*)::int AS n FROM inbound_events
      WHERE tenant_id = ${tenantId}::uuid AND connection_id = ANY(${connectionIds}::uuid[])
      GROUP BY connection_id`,
  ]);
  return {
    flowTransactions: byKey(ids.flows, transactions),
    flowReconciliationRuns: byKey(ids.flows, runs),
    connectionInboundEvents: byKey(ids.connections, events),
  };
}
