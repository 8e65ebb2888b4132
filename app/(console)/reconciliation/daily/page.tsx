import type { Metadata } from 'next';
import Link from 'next/link';
import { requirePage } from '@/lib/auth/session';
import {
  dailyReconciliation,
  dailySummaryQuerySchema,
} from '@/lib/reconciliation/daily-summary.presenter';
import { decimalOfMinor } from '@/lib/reconciliation/money';
import { serverContext } from '@/lib/server/context';
import { ReconciliationTabs } from '../_components/reconciliation-tabs';

export const metadata: Metadata = { title: 'Reconciliation · daily totals' };

type Raw = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function DailyReconciliationPage({
  searchParams,
}: {
  searchParams: Promise<Raw>;
}) {
  const actor = await requirePage('reconciliation.run');
  const raw = await searchParams;
  // Lenient: dates that do not parse fall back to the last 14 days, with a word about it.
  const parsed = dailySummaryQuerySchema.safeParse({ from: one(raw.from), to: one(raw.to) });
  const query = parsed.success ? parsed.data : dailySummaryQuerySchema.parse({});
  const { from, to, days } = await dailyReconciliation(serverContext().db, actor.tenantId, query);
  return (
    <section aria-labelledby="daily-heading" className="space-y-4">
      <div>
        <h1 id="daily-heading" className="text-xl font-semibold">
          Reconciliation
        </h1>
        <p className="text-sm text-slate-600">
          Day by day (UTC), per flow: the newest completed run for that day and what it found. A day
          with no completed run is not listed; it has not been checked.
        </p>
      </div>
      <ReconciliationTabs current="daily" />
      <form method="get" className="flex flex-wrap items-end gap-3" aria-label="Choose days">
        <div className="flex flex-col gap-1 text-sm">
          <label htmlFor="daily-from" className="font-medium">
            From (UTC)
          </label>
          <input
            id="daily-from"
            name="from"
            type="date"
            defaultValue={from}
            className="rounded border border-slate-300 bg-white px-2 py-1 text-sm"
          />
        </div>
        <div className="flex flex-col gap-1 text-sm">
          <label htmlFor="daily-to" className="font-medium">
            To (UTC)
          </label>
          <input
            id="daily-to"
            name="to"
            type="date"
            defaultValue={to}
            className="rounded border border-slate-300 bg-white px-2 py-1 text-sm"
          />
        </div>
        <button
          type="submit"
          className="rounded border border-slate-400 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-50"
        >
          Show
        </button>
        {!parsed.success && (
          <p role="alert" className="basis-full text-sm text-red-800">
            {parsed.error.issues[0]?.message ?? 'Those dates do not work'}: showing the last 14 days
            instead.
          </p>
        )}
      </form>
      {days.length === 0 ? (
        <div className="rounded border border-dashed border-slate-300 bg-white p-8 text-center text-slate-700">
          No completed runs between {from} and {to}.{' '}
          <Link href="/reconciliation" className="text-blue-700 underline">
            Start a run
          </Link>
        </div>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">
              Reconciliation totals per day, flow and system, {from} to {to}
            </caption>
            <thead className="border-b border-slate-300 text-xs text-slate-600 uppercase">
              <tr>
                <th scope="col" className="py-2 pr-3">
                  Day
                </th>
                <th scope="col" className="py-2 pr-3">
                  Flow
                </th>
                <th scope="col" className="py-2 pr-3">
                  System
                </th>
                <th scope="col" className="py-2 pr-3 text-right">
                  Records
                </th>
                <th scope="col" className="py-2 pr-3 text-right">
                  Amount
                </th>
                <th scope="col" className="py-2 pr-3 text-right">
                  Matched
                </th>
                <th scope="col" className="py-2 pr-3 text-right">
                  Unmatched
                </th>
                <th scope="col" className="py-2 pr-3 text-right">
                  Open drift
                </th>
              </tr>
            </thead>
            <tbody>
              {days.flatMap((d) => {
                const systems = Object.entries(d.totals);
                const rows = systems.length ? systems : [['—', null] as const];
                return rows.map(([system, t], i) => (
                  <tr key={`${d.runId}-${system}`} className="border-b border-slate-100">
                    <td className="py-1.5 pr-3 whitespace-nowrap">{i === 0 ? d.day : ''}</td>
                    <td className="py-1.5 pr-3">
                      {i === 0 && (
                        <Link
                          href={`/reconciliation/runs/${d.runId}`}
                          className="text-blue-700 underline"
                        >
                          {d.flow.name}
                          <span className="sr-only"> on {d.day}</span>
                        </Link>
                      )}
                    </td>
                    <td className="py-1.5 pr-3">{d.flow.systems[system] ?? system}</td>
                    <td className="py-1.5 pr-3 text-right tabular-nums">
                      {t?.count.toLocaleString('en') ?? '0'}
                    </td>
                    <td className="py-1.5 pr-3 text-right tabular-nums">
                      {t ? `${decimalOfMinor(t.amountMinor)} ${t.currency ?? ''}` : '—'}
                    </td>
                    <td className="py-1.5 pr-3 text-right tabular-nums">
                      {t?.matched.toLocaleString('en') ?? '0'}
                    </td>
                    <td
                      className={`py-1.5 pr-3 text-right tabular-nums ${t?.unmatched ? 'font-semibold text-red-800' : ''}`}
                    >
                      {t?.unmatched.toLocaleString('en') ?? '0'}
                    </td>
                    <td className="py-1.5 pr-3 text-right tabular-nums">
                      {i === 0 ? d.openDrift.toLocaleString('en') : ''}
                    </td>
                  </tr>
                ));
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
