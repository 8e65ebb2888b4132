// Which flows a reconciliation can check: the source adapter lists records by window, or the
// target adapter can look up what the flow's operation created. Polled feeds (the inventory
// export) are snapshots with no per-record belief to compare, so they are left out.
import type { Db } from '@/lib/db';
import { getAdapter } from '@/lib/providers/registry';
import { describeSchedule, type FlowSchedule } from './flow-schedule';

export function canReconcile(flow: {
  sourceProvider: string;
  targetProvider: string;
  operation: string;
  pollFeed: string | null;
}): boolean {
  if (flow.pollFeed) return false;
  const source = getAdapter(flow.sourceProvider).reconcile?.listSource;
  const target = getAdapter(flow.targetProvider).recordReaders?.[flow.operation];
  return Boolean(source ?? target);
}

export interface ReconcilableFlow {
  id: string;
  key: string;
  name: string;
  source: string;
  target: string;
  /** paused flows are not checked on their schedule */
  active: boolean;
  schedule: FlowSchedule;
}

/** The tenant's flows a run can be started for, by name (the console's flow picker). */
export async function listReconcilableFlows(db: Db, tenantId: string): Promise<ReconcilableFlow[]> {
  const flows = await db.flow.findMany({
    where: { tenantId },
    orderBy: { name: 'asc' },
    select: {
      id: true,
      key: true,
      name: true,
      operation: true,
      pollFeed: true,
      status: true,
      reconcileScheduled: true,
      reconcileCron: true,
      sourceConnection: { select: { name: true, provider: true } },
      targetConnection: { select: { name: true, provider: true } },
    },
  });
  return flows
    .filter((f) =>
      canReconcile({
        sourceProvider: f.sourceConnection.provider,
        targetProvider: f.targetConnection.provider,
        operation: f.operation,
        pollFeed: f.pollFeed,
      }),
    )
    .map((f) => ({
      id: f.id,
      key: f.key,
      name: f.name,
      source: f.sourceConnection.name,
      target: f.targetConnection.name,
      active: f.status === 'active',
      schedule: describeSchedule(f),
    }));
}
