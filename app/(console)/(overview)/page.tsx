import type { Metadata } from 'next';
import Link from '@/components/ui/link';
import { AutoRefresh } from '@/components/ui/auto-refresh';
import { Time } from '@/components/time/time';
import { viewerTimeZone } from '@/lib/auth/time-zone';
import { requirePage } from '@/lib/auth/session';
import { actorCan } from '@/lib/base/actor';
import { getOverview } from '@/lib/overview/overview.presenter';
import { parseWindow } from '@/lib/overview/window';
import { serverContext } from '@/lib/server/context';
import { BusinessChecks } from './_components/business-checks';
import { ChartCard } from './_components/chart-card';
import { failureChart, outcomeChart, throughputChart } from './_components/chart-data';
import { ConnectionCards } from './_components/connection-cards';
import { FlowTable } from './_components/flow-table';
import { KpiTiles } from './_components/kpi-tiles';
import { PausedBanner } from './_components/paused-banner';
import { WindowSelector } from './_components/window-selector';

export const metadata: Metadata = { title: 'Overview' };

type Raw = Record<string, string | string[] | undefined>;

export default async function OverviewPage({ searchParams }: { searchParams: Promise<Raw> }) {
  const actor = await requirePage('transactions.read');
  // Lenient: an unknown window in a hand-edited URL shows the default instead of an error.
  const window = parseWindow((await searchParams).window);
  // the replica when there is one (docs/deploy.md, "Scaling out"): it may lag by its replication delay
  const { readDb } = serverContext();
  const overview = await getOverview(readDb, actor.tenantId, {
    window,
    maskPersonalData: !actorCan(actor, 'personal_data.read'),
  });
  const label = overview.window.label;
  const { zone } = await viewerTimeZone();
  const throughput = throughputChart(overview, zone);
  const outcomes = outcomeChart(overview, zone);
  const failures = failureChart(overview, zone);
  // A week's aggregates cost more and move slowly: refresh them less often.
  const refreshSeconds = window === '7d' ? 60 : 15;
  return (
    <div className="space-y-6">
      <AutoRefresh active everyMs={refreshSeconds * 1000} />
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-xl font-semibold">Overview</h1>
          <p className="text-sm text-slate-600">
            Are we healthy? Figures for the {label}; backlog and waiting work of any age. Updated{' '}
            <Time value={overview.asOf} />, refreshed every {refreshSeconds} seconds.
          </p>
        </div>
        <WindowSelector current={window} />
      </div>
      <PausedBanner items={overview.paused} />
      <KpiTiles overview={overview} />
      {overview.quiet && (
        <p
          data-testid="overview-empty"
          className="rounded border border-dashed border-slate-300 bg-white p-6 text-center text-slate-700"
        >
          No traffic in the {label} and nothing waiting. Transactions appear here as soon as a
          connected system sends its first webhook.
        </p>
      )}
      <BusinessChecks
        checks={overview.businessChecks}
        label={label}
        canManage={actorCan(actor, 'settings.manage')}
      />
      <section aria-labelledby="trends-heading" className="space-y-3">
        <h2 id="trends-heading" className="text-lg font-semibold">
          Trends
        </h2>
        <div className="grid gap-4 xl:grid-cols-2">
          <ChartCard
            id="throughput-heading"
            title="Throughput by flow"
            description="Transactions received per period, stacked by flow."
            kind="area"
            {...throughput}
            summary={`${overview.totals.received} transactions received in the ${label}, by flow`}
            empty={`Nothing received in the ${label}.`}
          />
          <ChartCard
            id="outcomes-heading"
            title="Received vs completed vs failed"
            description="What became of each period's arrivals: completed, failed, still in progress or cancelled."
            kind="bar"
            {...outcomes}
            summary={`${overview.totals.completed} completed, ${overview.totals.failed} failed and ${overview.totals.inProgress} in progress of ${overview.totals.received} received`}
            empty={`Nothing received in the ${label}.`}
          />
          <ChartCard
            id="failures-heading"
            title="Failures by error class"
            description="Arrivals that failed, wait for review or are retrying, by the class of their error."
            kind="bar"
            {...failures}
            summary={
              overview.failures.classes.length
                ? `Failures by class: ${overview.failures.classes.map((c) => `${c.name.replaceAll('_', ' ')} ${c.total}`).join(', ')}`
                : 'No failures'
            }
            empty={`No failures in the ${label}.`}
          />
        </div>
      </section>
      <section aria-labelledby="flows-overview-heading" className="space-y-3">
        <h2 id="flows-overview-heading" className="text-lg font-semibold">
          Flows
        </h2>
        {overview.flows.length === 0 ? (
          <p className="rounded border border-dashed border-slate-300 bg-white p-6 text-center text-slate-600">
            No flows are configured yet.
          </p>
        ) : (
          <FlowTable flows={overview.flows} windowLabel={label} />
        )}
      </section>
      <section aria-labelledby="connections-overview-heading" className="space-y-3">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="connections-overview-heading" className="text-lg font-semibold">
            Connections
          </h2>
          <Link href="/connections" className="text-sm font-medium text-blue-800 underline">
            Connection details and pause controls
          </Link>
        </div>
        {overview.connections.length === 0 ? (
          <p className="rounded border border-dashed border-slate-300 bg-white p-6 text-center text-slate-600">
            No connections are configured yet.
          </p>
        ) : (
          <ConnectionCards
            connections={overview.connections}
            asOf={overview.asOf}
            canRecover={actorCan(actor, 'connections.pause')}
          />
        )}
      </section>
    </div>
  );
}
