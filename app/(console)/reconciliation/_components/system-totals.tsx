import { decimalOfMinor } from '@/lib/reconciliation/money';
import type { MoneyRow } from '@/lib/reconciliation/totals';

const n = (v: number) => v.toLocaleString('en');

function Amount({ minor, currency }: { minor: number | null; currency: string | null }) {
  if (minor === null) return <span className="text-slate-500">—</span>;
  return (
    <>
      {decimalOfMinor(minor)}
      {currency && <span className="text-slate-600"> {currency}</span>}
    </>
  );
}

/**
 * What finance ties out first: per system and currency, the ledger's total, the provider's and
 * the difference (ledger − provider), then the records compared on that side.
 */
export function SystemTotals({
  rows,
  names = {},
  caption,
}: {
  rows: MoneyRow[];
  /** connection key → the name people know the system by */
  names?: Record<string, string>;
  caption: string;
}) {
  if (rows.length === 0) return <p className="text-sm text-slate-600">No records compared yet.</p>;
  return (
    <div className="overflow-x-auto">
      <table className="w-full max-w-5xl text-left text-sm" data-testid="finance-totals">
        <caption className="sr-only">{caption}</caption>
        <thead className="border-b border-slate-300 text-xs text-slate-600 uppercase">
          <tr>
            <th scope="col" className="py-1 pr-3">
              System
            </th>
            <th scope="col" className="py-1 pr-3">
              Currency
            </th>
            <th scope="col" className="py-1 pr-3 text-right">
              Ledger total
            </th>
            <th scope="col" className="py-1 pr-3 text-right">
              Provider total
            </th>
            <th scope="col" className="py-1 pr-3 text-right">
              Difference
            </th>
            <th scope="col" className="py-1 pr-3 text-right">
              Records compared
            </th>
            <th scope="col" className="py-1 pr-3 text-right">
              Matched
            </th>
            <th scope="col" className="py-1 pr-3 text-right">
              With drift
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const name = names[r.system] ?? r.system;
            const off = r.differenceMinor !== null && r.differenceMinor !== 0;
            return (
              <tr
                key={`${r.system}-${r.currency ?? ''}`}
                data-system={r.system}
                data-currency={r.currency ?? ''}
                className="border-b border-slate-100"
              >
                <th scope="row" className="py-1 pr-3 font-medium">
                  {r.first ? name : <span className="sr-only">{name}</span>}
                  {r.first && r.side && (
                    <span className="block text-xs font-normal text-slate-600">
                      {r.side === 'source' ? 'source' : 'target'}
                    </span>
                  )}
                </th>
                <td className="py-1 pr-3">
                  {r.noAmounts ? (
                    <span className="text-slate-600">no amounts</span>
                  ) : (
                    (r.currency ?? 'not named')
                  )}
                </td>
                <td className="py-1 pr-3 text-right tabular-nums" data-money="ledger">
                  <Amount minor={r.ledgerMinor} currency={r.currency} />
                  {r.ledgerRecords !== null && !r.noAmounts && (
                    <span className="block text-xs text-slate-600">
                      {n(r.ledgerRecords)} records
                    </span>
                  )}
                </td>
                <td className="py-1 pr-3 text-right tabular-nums" data-money="provider">
                  <Amount minor={r.providerMinor} currency={r.currency} />
                  {!r.noAmounts && (
                    <span className="block text-xs text-slate-600">
                      {n(r.providerRecords)} records
                    </span>
                  )}
                </td>
                <td
                  className={`py-1 pr-3 text-right tabular-nums ${off ? 'font-semibold text-red-800' : ''}`}
                  data-money="difference"
                >
                  <Amount minor={r.differenceMinor} currency={r.currency} />
                </td>
                <td className="py-1 pr-3 text-right tabular-nums">
                  {r.first ? n(r.compared) : ''}
                </td>
                <td className="py-1 pr-3 text-right tabular-nums">{r.first ? n(r.matched) : ''}</td>
                <td
                  className={`py-1 pr-3 text-right tabular-nums ${r.first && r.drifted ? 'font-semibold text-red-800' : ''}`}
                >
                  {r.first ? n(r.drifted) : ''}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="mt-1 text-xs text-slate-600">
        Ledger total: what Waybill holds for that side (a target: the amounts of the commands it
        sent and believes completed; a source: the records it received). Difference = ledger −
        provider. A dash means the side names no amount or the run predates ledger totals.
      </p>
    </div>
  );
}
