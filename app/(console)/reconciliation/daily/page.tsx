import type { Metadata } from 'next';
import Link from '@/components/ui/link';
import { requirePage } from '@/lib/auth/session';
import {
  dailyReconciliation,
  dailySummaryQuerySchema,
} from '@/lib/reconciliation/daily-summary.presenter';
import { decimalOfMinor } from '@/lib/reconciliation/money';
import { moneyRows } from '@/lib/reconciliation/totals';
import { formatIsoDay } from '@/lib/reconciliation/window-text';
import { serverContext } from '@/lib/server/context';
import { ReconciliationTabs } from '../_components/reconciliation-tabs';

export const metadata: Metadata = { title: 'Reconciliation · daily totals' };

type Raw = Record<string, string | string[] | undefined>;
/** A dash for unknown (no money on that side, or a run before ledger totals), never a zero. */
const money = (minor: number | null) => (minor === null ? '—' : decimalOfMinor(minor));
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
  const { from, to, days } = await dailyReconciliation(
    serverContext().readDb,
    actor.tenantId,
    query,
  );
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
            From (UTC day)
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
            To (UTC day)
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
        <p className="basis-full text-xs text-slate-600">
          Showing {formatIsoDay(from)} – {formatIsoDay(to)}. The pickers show your browser&apos;s
          date order; this page writes dates as dd MMM yyyy.
        </p>
        {!parsed.success && (
          <p role="alert" className="basis-full text-sm text-red-800">
            {parsed.error.issues[0]?.message ?? 'Those dates do not work'}: showing the last 14 days
            instead.
          </p>
        )}
      </form>
      {days.length === 0 ? (
        <div className="rounded border border-dashed border-slate-300 bg-white p-8 text-center text-slate-700">
          No completed runs between {formatIsoDay(from)} and {formatIsoDay(to)}.{' '}
          <Link href="/reconciliation" className="text-blue-700 underline">
            Start a run
          </Link>
        </div>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">
              Reconciliation totals per day, flow, system and currency, {formatIsoDay(from)} to{' '}
              {formatIsoDay(to)}
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
                <th scope="col" className="py-2 pr-3">
                  Currency
                </th>
                <th scope="col" className="py-2 pr-3 text-right">
                  Ledger total
                </th>
                <th scope="col" className="py-2 pr-3 text-right">
                  Provider total
                </th>
                <th scope="col" className="py-2 pr-3 text-right">
                  Difference
                </th>
                <th scope="col" className="py-2 pr-3 text-right">
                  Records compared
                </th>
                <th scope="col" className="py-2 pr-3 text-right">
                  Matched
                </th>
                <th scope="col" className="py-2 pr-3 text-right">
                  With drift
                </th>
                <th scope="col" className="py-2 pr-3 text-right">
                  Open drift
                </th>
              </tr>
            </thead>
            <tbody>
              {days.flatMap((d) => {
                const rows = moneyRows(d.totals);
                const day = formatIsoDay(d.day) ?? d.day;
                if (rows.length === 0)
                  return [
                    <tr key={d.runId} className="border-b border-slate-100">
                      <td className="py-1.5 pr-3 whitespace-nowrap">{day}</td>
                      <td className="py-1.5 pr-3" colSpan={10}>
                        <Link
                          href={`/reconciliation/runs/${d.runId}`}
                          className="text-blue-700 underline"
                        >
                          {d.flow.name}
                          <span className="sr-only"> on {day}</span>
                        </Link>{' '}
                        compared no records.
                      </td>
                    </tr>,
                  ];
                return rows.map((r, i) => (
                  <tr
                    key={`${d.runId}-${r.system}-${r.currency ?? ''}`}
                    className="border-b border-slate-100"
                  >
                    <td className="py-1.5 pr-3 whitespace-nowrap">{i === 0 ? day : ''}</td>
                    <td className="py-1.5 pr-3">
                      {i === 0 && (
                        <Link
                          href={`/reconciliation/runs/${d.runId}`}
                          className="text-blue-700 underline"
                        >
                          {d.flow.name}
                          <span className="sr-only"> on {day}</span>
                        </Link>
                      )}
                    </td>
                    <td className="py-1.5 pr-3">
                      {r.first ? (d.flow.systems[r.system] ?? r.system) : ''}
                    </td>
                    <td className="py-1.5 pr-3">
                      {r.noAmounts ? 'no amounts' : (r.currency ?? '—')}
                    </td>
                    <td className="py-1.5 pr-3 text-right tabular-nums">{money(r.ledgerMinor)}</td>
                    <td className="py-1.5 pr-3 text-right tabular-nums">
                      {money(r.providerMinor)}
                    </td>
                    <td
                      className={`py-1.5 pr-3 text-right tabular-nums ${r.differenceMinor ? 'font-semibold text-red-800' : ''}`}
                    >
                      {money(r.differenceMinor)}
                    </td>
                    <td className="py-1.5 pr-3 text-right tabular-nums">
                      {r.first ? r.compared.toLocaleString('en') : ''}
                    </td>
                    <td className="py-1.5 pr-3 text-right tabular-nums">
                      {r.first ? r.matched.toLocaleString('en') : ''}
                    </td>
                    <td
                      className={`py-1.5 pr-3 text-right tabular-nums ${r.first && r.drifted ? 'font-semibold text-red-800' : ''}`}
                    >
                      {r.first ? r.drifted.toLocaleString('en') : ''}
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
