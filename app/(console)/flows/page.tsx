import type { Metadata } from 'next';
import Link from '@/components/ui/link';
import { StatusBadge } from '@/components/ui/status-badge';
import { actorCan } from '@/lib/base/actor';
import { requirePage } from '@/lib/auth/session';
import { listFlowMappings } from '@/lib/mapping/flow-mappings.presenter';
import { serverContext } from '@/lib/server/context';

export const metadata: Metadata = { title: 'Flows & mappings' };

type FlowMappingRow = Awaited<ReturnType<typeof listFlowMappings>>[number];

const th = 'px-3 py-2 font-medium';
const td = 'px-3 py-2 align-top';

export default async function FlowsPage() {
  const actor = await requirePage('mappings.read');
  const all = await listFlowMappings(serverContext().db, actor.tenantId);
  const canManage = actorCan(actor, 'mappings.manage');
  // retired flows take no new transactions: listed apart, below the working ones
  const flows = all.filter((f) => f.status !== 'retired');
  const retired = all.filter((f) => f.status === 'retired');
  return (
    <section aria-labelledby="flows-heading">
      <div className="mb-1 flex flex-wrap items-center justify-between gap-3">
        <h1 id="flows-heading" className="text-xl font-semibold">
          Flows &amp; mappings
        </h1>
        {canManage && (
          <Link
            href="/flows/new"
            className="rounded bg-blue-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-blue-800 focus-visible:outline-2"
          >
            New flow
          </Link>
        )}
      </div>
      <p className="mb-4 text-sm text-slate-600">
        Each flow turns one kind of event from a source into one operation at a target, with the
        active mapping version. Pausing and resuming flows is on the{' '}
        <Link href="/connections#flows-table-heading" className="text-blue-700 underline">
          Connections
        </Link>{' '}
        screen.
      </p>
      {flows.length === 0 ? (
        <p className="rounded border border-dashed border-slate-300 bg-white p-8 text-center text-slate-600">
          No flows are configured for this organisation yet.
        </p>
      ) : (
        <FlowTable flows={flows} labelledBy="flows-heading" canManage={canManage} />
      )}
      {retired.length > 0 && (
        <section aria-labelledby="retired-heading" className="mt-8">
          <h2 id="retired-heading" className="mb-1 text-lg font-semibold">
            Retired
          </h2>
          <p className="mb-2 text-sm text-slate-600">
            These flows take no new transactions; their history stays. An admin brings one back from
            its settings.
          </p>
          <FlowTable flows={retired} labelledBy="retired-heading" canManage={canManage} />
        </section>
      )}
    </section>
  );
}

function FlowTable({
  flows,
  labelledBy,
  canManage,
}: {
  flows: FlowMappingRow[];
  labelledBy: string;
  canManage: boolean;
}) {
  return (
    <div className="overflow-x-auto">
      {/* scrolls by itself on a narrow screen instead of widening the page */}
      <table aria-labelledby={labelledBy} className="w-full text-left text-sm">
        <thead className="border-b border-slate-300 text-slate-600">
          <tr>
            <th scope="col" className={th}>
              Flow
            </th>
            <th scope="col" className={th}>
              Route
            </th>
            <th scope="col" className={th}>
              Operation
            </th>
            <th scope="col" className={th}>
              Active mapping
            </th>
            <th scope="col" className={th}>
              Status
            </th>
          </tr>
        </thead>
        <tbody>
          {flows.map((f) => (
            <tr
              key={f.id}
              data-testid="flow-mapping-row"
              className="border-b border-slate-100 bg-white"
            >
              <th scope="row" className={`${td} font-medium`}>
                <Link href={`/flows/${f.id}`} className="text-blue-700 underline">
                  {f.name}
                </Link>
              </th>
              <td className={td}>
                {f.source} <span aria-hidden="true">→</span>
                <span className="sr-only">to</span> {f.target}
                <span className="block text-xs text-slate-600">{f.eventType}</span>
              </td>
              <td className={td}>
                <code className="text-xs">{f.operation}</code>
              </td>
              <td className={td} data-testid="active-version">
                {f.activeVersion === null ? (
                  <span className="text-red-800">none — transactions go to review</span>
                ) : (
                  <>
                    version {f.activeVersion}
                    <span className="block text-xs text-slate-600">
                      {f.versionCount} {f.versionCount === 1 ? 'version' : 'versions'} in all
                    </span>
                  </>
                )}
              </td>
              <td className={td}>
                <StatusBadge status={f.status} />
                {canManage && (
                  <Link
                    href={`/flows/${f.id}/settings`}
                    className="ml-2 text-xs text-blue-700 underline"
                  >
                    Settings<span className="sr-only"> of {f.name}</span>
                  </Link>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
