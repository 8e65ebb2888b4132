import type { Metadata } from 'next';
import Link from '@/components/ui/link';
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { AutoRefresh } from '@/components/ui/auto-refresh';
import { Time } from '@/components/time/time';
import { actorCan } from '@/lib/base/actor';
import { requirePage } from '@/lib/auth/session';
import { isAppError } from '@/lib/errors';
import {
  driftCountsOf,
  driftItemFilterSchema,
  getReconciliationRun,
} from '@/lib/reconciliation/runs.presenter';
import { serverContext } from '@/lib/server/context';
import { CancelRunButton } from '../../_components/cancel-run-button';
import { DriftPatternList } from '../../_components/drift-patterns';
import { DriftSummary } from '../../_components/drift-summary';
import { DriftTable } from '../../_components/drift-table';
import { RunStatus } from '../../_components/run-status';
import { SystemTotals } from '../../_components/system-totals';
import { formatUtcMinute, utcWindowText } from '@/lib/reconciliation/window-text';
import type { WindowState } from '@/lib/reconciliation/window-state';

export const metadata: Metadata = { title: 'Reconciliation run' };

type Raw = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** Lenient: a stale or hand-edited link still opens, minus the filter it cannot mean. */
function readFilter(raw: Raw) {
  const { shape } = driftItemFilterSchema;
  const kind = shape.kind.safeParse(one(raw.kind));
  const state = shape.state.safeParse(one(raw.state));
  const cursor = shape.cursor.safeParse(one(raw.cursor));
  return {
    kind: kind.success ? kind.data : undefined,
    state: state.success ? state.data : undefined,
    cursor: cursor.success ? cursor.data : undefined,
  };
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export default async function RunPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Raw>;
}) {
  const actor = await requirePage('reconciliation.run');
  const { id } = await params;
  if (!z.uuid().safeParse(id).success) notFound();
  const filter = readFilter(await searchParams);
  const { readDb } = serverContext();
  const detail = await getReconciliationRun(readDb, actor.tenantId, id, {
    ...filter,
    limit: 100,
  }).catch((error: unknown) => {
    if (isAppError(error) && error.code === 'NOT_FOUND') notFound();
    throw error;
  });
  const counts = await driftCountsOf(readDb, actor.tenantId, id);
  const { run, items, nextCursor, summary } = detail;
  const replayableByKind: Record<string, number> = {};
  for (const p of summary.patterns)
    replayableByKind[p.kind] = (replayableByKind[p.kind] ?? 0) + p.replayable;
  const running = run.status === 'running';
  const canDecide = actorCan(actor, 'drift.resolve');
  const query = (extra: Record<string, string | undefined>) => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries({ kind: filter.kind, state: filter.state, ...extra }))
      if (v) q.set(k, v);
    return q.size ? `?${q.toString()}` : '';
  };
  return (
    <section aria-labelledby="run-heading" className="space-y-5">
      <AutoRefresh active={running} />
      <p className="text-sm">
        <Link href="/reconciliation" className="text-blue-700 underline">
          Reconciliation
        </Link>{' '}
        / run
      </p>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="space-y-1">
          <h1 id="run-heading" className="text-xl font-semibold">
            {run.flow?.name ?? 'Deleted flow'} <RunStatus status={run.status} />
          </h1>
          <p className="text-sm text-slate-700">
            Window {utcWindowText(run.windowFrom, run.windowTo)} · started{' '}
            <Time value={run.createdAt} /> by{' '}
            {run.trigger === 'schedule' ? 'the nightly schedule' : run.requestedBy}
            {run.finishedAt && (
              <>
                {' · finished '}
                <Time value={run.finishedAt} />
              </>
            )}
          </p>
          <WindowNotice state={summary.window} windowTo={run.windowTo} running={running} />
          {run.error && (
            <p role="alert" className="text-sm text-red-800">
              The run stopped: {run.error}
            </p>
          )}
        </div>
        <div className="flex flex-wrap items-center gap-2">
          {running && <CancelRunButton runId={run.id} />}
          {actorCan(actor, 'exports.download') && (
            <a
              href={`/api/v1/reconciliation/runs/${run.id}/export${query({})}`}
              download
              className="rounded border border-blue-700 bg-white px-3 py-1.5 text-sm font-medium text-blue-800 hover:bg-blue-50"
            >
              Export CSV
            </a>
          )}
        </div>
      </div>
      <section aria-labelledby="totals-heading" className="space-y-2">
        <h2 id="totals-heading" className="font-semibold">
          Totals: ledger against each system
        </h2>
        <SystemTotals
          rows={summary.money}
          names={run.flow?.systems}
          caption="Ledger total, provider total and difference per system and currency"
        />
        <p className="text-sm text-slate-800" aria-live="polite" data-testid="run-counts">
          {summary.countsText}
        </p>
        <p className="text-xs text-slate-600">
          Listing took {seconds(run.listingMs)}, comparing {seconds(run.comparingMs)}.
        </p>
      </section>
      <DriftPatternList runId={run.id} patterns={summary.patterns} canDecide={canDecide} />
      <DriftSummary
        runId={run.id}
        counts={counts}
        replayableByKind={replayableByKind}
        canDecide={canDecide}
      />
      <section aria-labelledby="items-heading" className="space-y-2">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="items-heading" className="font-semibold">
            Drift items
          </h2>
          <DriftFilterLinks runId={run.id} filter={filter} />
        </div>
        {items.length === 0 ? (
          <div className="rounded border border-dashed border-slate-300 bg-white p-6 text-center text-slate-700">
            {running
              ? 'Nothing found yet; the run is still comparing.'
              : filter.kind || filter.state
                ? 'No drift items match this filter.'
                : 'No drift: every record agreed.'}
          </div>
        ) : (
          <DriftTable items={items} canDecide={canDecide} />
        )}
        <nav aria-label="Pagination" className="flex gap-4 text-sm">
          {filter.cursor && (
            <Link
              href={`/reconciliation/runs/${run.id}${query({ cursor: undefined })}`}
              className="text-blue-700 underline"
            >
              First page
            </Link>
          )}
          {nextCursor && (
            <Link
              href={`/reconciliation/runs/${run.id}${query({ cursor: nextCursor })}`}
              className="text-blue-700 underline"
            >
              Next page
            </Link>
          )}
        </nav>
      </section>
    </section>
  );
}

/** Says whether the window was complete when the run read it: today's window is still open. */
function WindowNotice({
  state,
  windowTo,
  running,
}: {
  state: WindowState;
  windowTo: Date;
  running: boolean;
}) {
  if (state.kind === 'closed')
    return (
      <p className="text-sm text-slate-700" data-window-state="closed">
        The window had closed when the run started: these are its complete figures.
      </p>
    );
  return (
    <p
      role="status"
      data-window-state={state.stillOpen ? 'open' : 'was-open'}
      className="rounded border border-amber-300 bg-amber-50 px-2 py-1 text-sm text-amber-950"
    >
      {state.stillOpen
        ? `This window is still open: it ends ${formatUtcMinute(windowTo)} UTC. `
        : `This window was still open when the run started (it ended ${formatUtcMinute(windowTo)} UTC). `}
      The run compared records up to {running ? 'now' : formatUtcMinute(state.seenUntil) + ' UTC'};
      later ones are not in these totals.
      {!state.stillOpen && ' Run it again for the complete figures.'}
    </p>
  );
}

function DriftFilterLinks({
  runId,
  filter,
}: {
  runId: string;
  filter: { kind?: string | undefined; state?: string | undefined };
}) {
  const states = [
    { value: undefined, label: 'All' },
    { value: 'open', label: 'Open' },
    { value: 'accepted', label: 'Accepted' },
    { value: 'backfilled', label: 'Backfilled' },
    { value: 'replayed', label: 'Replayed' },
  ];
  return (
    <nav aria-label="Filter by state" className="flex gap-2 text-sm">
      {states.map((s) => {
        const q = new URLSearchParams();
        if (filter.kind) q.set('kind', filter.kind);
        if (s.value) q.set('state', s.value);
        const current = filter.state === s.value;
        return (
          <Link
            key={s.label}
            href={`/reconciliation/runs/${runId}${q.size ? `?${q.toString()}` : ''}`}
            aria-current={current ? 'true' : undefined}
            className={current ? 'font-semibold text-slate-900' : 'text-blue-700 underline'}
          >
            {s.label}
          </Link>
        );
      })}
    </nav>
  );
}
