import { decimalOfMinor } from '@/lib/reconciliation/money';
import type { RunTotals } from '@/lib/reconciliation/write-chunk';

const amount = (minor: number, currency: string | null) =>
  `${decimalOfMinor(minor) ?? '—'}${currency ? ` ${currency}` : ''}`;

/** Per system: records and money compared, matched and unmatched: what finance ties out. */
export function SystemTotals({
  totals,
  names = {},
  caption,
}: {
  totals: RunTotals;
  /** connection key → the name people know the system by */
  names?: Record<string, string>;
  caption: string;
}) {
  const systems = Object.entries(totals);
  if (systems.length === 0)
    return <p className="text-sm text-slate-600">No records compared yet.</p>;
  return (
    <table className="w-full max-w-3xl text-left text-sm">
      <caption className="sr-only">{caption}</caption>
      <thead className="border-b border-slate-300 text-xs text-slate-600 uppercase">
        <tr>
          <th scope="col" className="py-1 pr-3">
            System
          </th>
          <th scope="col" className="py-1 pr-3 text-right">
            Records
          </th>
          <th scope="col" className="py-1 pr-3 text-right">
            Amount
          </th>
          <th scope="col" className="py-1 pr-3 text-right">
            Matched
          </th>
          <th scope="col" className="py-1 pr-3 text-right">
            Unmatched
          </th>
        </tr>
      </thead>
      <tbody>
        {systems.map(([system, t]) => (
          <tr key={system} className="border-b border-slate-100">
            <th scope="row" className="py-1 pr-3 font-medium">
              {names[system] ?? system}
            </th>
            <td className="py-1 pr-3 text-right tabular-nums">{t.count.toLocaleString('en')}</td>
            <td className="py-1 pr-3 text-right tabular-nums">
              {amount(t.amountMinor, t.currency)}
            </td>
            <td className="py-1 pr-3 text-right tabular-nums">{t.matched.toLocaleString('en')}</td>
            <td
              className={`py-1 pr-3 text-right tabular-nums ${t.unmatched ? 'font-semibold text-red-800' : ''}`}
            >
              {t.unmatched.toLocaleString('en')}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
