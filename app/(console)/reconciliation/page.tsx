import type { Metadata } from 'next';
import Link from '@/components/ui/link';
import { AutoRefresh } from '@/components/ui/auto-refresh';
import { Time } from '@/components/time/time';
import { requirePage } from '@/lib/auth/session';
import { viewerTimeZone } from '@/lib/auth/time-zone';
import { formatDateTime } from '@/lib/base/time-format';
import { listReconcilableFlows } from '@/lib/reconciliation/reconcilable-flows';
import { listReconciliationRuns } from '@/lib/reconciliation/runs.presenter';
import { serverContext } from '@/lib/server/context';
import { ReconciliationTabs } from './_components/reconciliation-tabs';
import { RunStatus } from './_components/run-status';
import { SchedulesTable } from './_components/schedules-table';
import { StartRunForm } from './_components/start-run-form';
import { utcWindowText } from '@/lib/reconciliation/window-text';

export const metadata: Metadata = { title: 'Reconciliation' };

export default async function ReconciliationPage() {
  const actor = await requirePage('reconciliation.run');
  const { db } = serverContext();
  const { zone } = await viewerTimeZone();
  const [{ runs }, flows] = await Promise.all([
    listReconciliationRuns(db, actor.tenantId, { limit: 50 }),
    listReconcilableFlows(db, actor.tenantId),
  ]);
  const today = new Date().toISOString().slice(0, 10);
  return (
    <section aria-labelledby="recon-heading" className="space-y-4">
      <div>
        <h1 id="recon-heading" className="text-xl font-semibold">
          Reconciliation
        </h1>
        <p className="text-sm text-slate-600">
          What the ledger believes, checked against what each system says. Every flow is checked on
          its schedule for the previous UTC day; start a run here for any other window.
        </p>
      </div>
      <ReconciliationTabs current="runs" />
      <AutoRefresh active={runs.some((r) => r.status === 'running')} />
      <div className="rounded border border-slate-200 bg-white p-4">
        <h2 className="mb-2 font-semibold">Start a run</h2>
        <StartRunForm flows={flows} today={today} />
      </div>
      {runs.length === 0 ? (
        <div className="rounded border border-dashed border-slate-300 bg-white p-8 text-center text-slate-700">
          No runs yet. Scheduled runs start at each flow's time (by default 02:15 UTC), or start one
          above.
        </div>
      ) : (
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Recent reconciliation runs, newest first</caption>
          <thead className="border-b border-slate-300 text-xs text-slate-600 uppercase">
            <tr>
              <th scope="col" className="py-2 pr-3">
                Started
              </th>
              <th scope="col" className="py-2 pr-3">
                Flow
              </th>
              <th scope="col" className="py-2 pr-3">
                Window
              </th>
              <th scope="col" className="py-2 pr-3">
                Status
              </th>
              <th scope="col" className="py-2 pr-3 text-right">
                Compared
              </th>
              <th scope="col" className="py-2 pr-3 text-right">
                Matched
              </th>
              {/* items, not records: one record can differ in several ways (the run's page counts both) */}
              <th scope="col" className="py-2 pr-3 text-right">
                Drift items
              </th>
              <th scope="col" className="py-2 pr-3">
                By
              </th>
            </tr>
          </thead>
          <tbody>
            {runs.map((run) => (
              <tr key={run.id} className="border-b border-slate-100 hover:bg-slate-50">
                <td className="py-2 pr-3 whitespace-nowrap">
                  <Link
                    href={`/reconciliation/runs/${run.id}`}
                    className="text-blue-700 underline"
                    aria-label={`Run of ${run.flow?.name ?? 'a deleted flow'} started ${formatDateTime(run.createdAt, zone)}`}
                  >
                    <Time value={run.createdAt} />
                  </Link>
                </td>
                <td className="py-2 pr-3">{run.flow?.name ?? 'deleted flow'}</td>
                <td className="py-2 pr-3 text-xs whitespace-nowrap">
                  {utcWindowText(run.windowFrom, run.windowTo)}
                  {run.windowTo > run.createdAt && (
                    <span className="block text-amber-900">open when run: partial</span>
                  )}
                </td>
                <td className="py-2 pr-3">
                  <RunStatus status={run.status} />
                </td>
                <td className="py-2 pr-3 text-right tabular-nums">
                  {run.listed.toLocaleString('en')}
                </td>
                <td className="py-2 pr-3 text-right tabular-nums">
                  {run.matched.toLocaleString('en')}
                </td>
                <td
                  className={`py-2 pr-3 text-right tabular-nums ${run.drifted ? 'font-semibold text-red-800' : ''}`}
                >
                  {run.drifted.toLocaleString('en')}
                </td>
                <td className="py-2 pr-3 text-xs">
                  {run.trigger === 'schedule' ? 'nightly schedule' : run.requestedBy}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {flows.length > 0 && (
        <details className="rounded border border-slate-200 bg-white p-4">
          <summary className="cursor-pointer font-semibold">Schedules</summary>
          <div className="mt-3">
            <SchedulesTable flows={flows} />
          </div>
        </details>
      )}
    </section>
  );
}
