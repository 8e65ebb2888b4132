// Which flows a reconciliation can check: the source adapter lists records by window, or the
// target adapter can look up what the flow's operation created. Polled feeds (the inventory
// export) are snapshots with no per-record belief to compare, so they are left out.
import type { Db } from '@/lib/db';
import { adapterFor, type AdapterSource } from '@/lib/providers/registry';
import { describeSchedule, type FlowSchedule } from './flow-schedule';

export function canReconcile(flow: {
  source: AdapterSource;
  target: AdapterSource;
  operation: string;
  pollFeed: string | null;
}): boolean {
  if (flow.pollFeed) return false;
  const source = adapterFor(flow.source).reconcile?.listSource;
  const readers = adapterFor(flow.target).recordReaders;
  const target =
    readers && Object.hasOwn(readers, flow.operation) ? readers[flow.operation] : undefined;
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

/** The tenant's flows a run can be started for, by name (the console's flow picker); only those
 *  sending to one connection when `targetConnectionId` is given (a guided recovery's window). */
export async function listReconcilableFlows(
  db: Pick<Db, 'flow'>,
  tenantId: string,
  only: { targetConnectionId?: string } = {},
): Promise<ReconcilableFlow[]> {
  const flows = await db.flow.findMany({
    where: {
      tenantId,
      ...(only.targetConnectionId && { targetConnectionId: only.targetConnectionId }),
    },
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
      sourceConnection: { select: { name: true, provider: true, settings: true } },
      targetConnection: { select: { name: true, provider: true, settings: true } },
    },
  });
  return flows
    .filter((f) =>
      canReconcile({
        source: f.sourceConnection,
        target: f.targetConnection,
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
