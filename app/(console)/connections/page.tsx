import type { Metadata } from 'next';
import Link from '@/components/ui/link';
import { requirePage } from '@/lib/auth/session';
import { tenantDb } from '@/lib/db';
import { getConnectionHealth } from '@/lib/engine/connection-health.presenter';
import { serverContext } from '@/lib/server/context';
import { ConnectionsTable } from './_components/connections-table';
import { FlowsTable } from './_components/flows-table';
import { actorCan } from '@/lib/base/actor';

export const metadata: Metadata = { title: 'Connections' };

export default async function ConnectionsPage() {
  // Health is operational state, not personal data: every role that reads transactions reads it
  // (the matrix has no separate read permission for connections). Pausing is checked per action.
  const actor = await requirePage('transactions.read');
  const health = await getConnectionHealth(tenantDb(serverContext().db, actor.tenantId), {
    maskPersonalData: !actorCan(actor, 'personal_data.read'),
  });
  const canPauseConnections = actorCan(actor, 'connections.pause');
  const canPauseFlows = actorCan(actor, 'flows.pause');
  const canConfigure = actorCan(actor, 'connections.manage');
  return (
    <div className="space-y-8">
      <section aria-labelledby="connections-heading">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h1 id="connections-heading" className="mb-1 text-xl font-semibold">
            Connections
          </h1>
          {canConfigure && (
            <Link
              href="/connections/new"
              className="rounded bg-blue-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-blue-800 focus-visible:outline-2"
            >
              New connection
            </Link>
          )}
        </div>
        <p className="mb-4 text-sm text-slate-600">
          Health of each external system, and the work waiting for it. Pausing stops sending only:
          webhooks are still accepted and recorded, and the paused work waits as backlog.
        </p>
        {health.connections.length === 0 ? (
          <p className="rounded border border-dashed border-slate-300 bg-white p-8 text-center text-slate-600">
            No connections are configured for this organisation yet.
          </p>
        ) : (
          <ConnectionsTable
            rows={health.connections}
            asOf={health.asOf}
            canPause={canPauseConnections}
            canConfigure={canConfigure}
          />
        )}
      </section>
      <section aria-labelledby="flows-table-heading">
        <h2 id="flows-table-heading" className="mb-3 text-lg font-semibold">
          Flows
        </h2>
        {health.flows.length === 0 ? (
          <p className="rounded border border-dashed border-slate-300 bg-white p-8 text-center text-slate-600">
            No flows are configured yet.
          </p>
        ) : (
          <FlowsTable rows={health.flows} canPause={canPauseFlows} />
        )}
      </section>
    </div>
  );
}
