import Link from '@/components/ui/link';
import { REPLAYABLE } from '@/lib/engine/replay';
import type { ReconciliationRunDetail } from '@/lib/reconciliation/runs.presenter';
import { DriftDecisionButton } from './drift-decision-button';
import { ACTION_LABEL, DECISIONS_BY_KIND, KIND_LABEL, STATE_LABEL } from './drift-labels';
import { BothAmounts, shownValue } from './drift-values';

type Item = ReconciliationRunDetail['items'][number];

/** The state machine replays failed, in-review and paused transactions; completed is final. */
const replayable = (item: Item) =>
  item.transactionStatus !== null &&
  (REPLAYABLE as readonly string[]).includes(item.transactionStatus);

/** Drift items with both sides of each difference, the owning system, and per-item decisions. */
export function DriftTable({ items, canDecide }: { items: Item[]; canDecide: boolean }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Drift items of this run</caption>
        <thead className="border-b border-slate-300 text-xs text-slate-600 uppercase">
          <tr>
            <th scope="col" className="py-2 pr-3">
              Order
            </th>
            <th scope="col" className="py-2 pr-3">
              Kind
            </th>
            <th scope="col" className="py-2 pr-3">
              Field
            </th>
            <th scope="col" className="py-2 pr-3">
              Ledger
            </th>
            <th scope="col" className="py-2 pr-3">
              Provider
            </th>
            <th scope="col" className="py-2 pr-3">
              Owner
            </th>
            <th scope="col" className="py-2 pr-3 text-right">
              Amount (ledger / provider)
            </th>
            <th scope="col" className="py-2 pr-3">
              State
            </th>
            {canDecide && (
              <th scope="col" className="py-2 pr-3">
                <span className="sr-only">Actions</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr
              key={item.id}
              data-drift-item={item.id}
              className="border-b border-slate-100 align-top"
            >
              <td className="py-2 pr-3">
                <Link
                  href={`/orders/${encodeURIComponent(item.businessKey)}`}
                  className="text-blue-700 underline"
                >
                  {item.businessKey}
                </Link>
                {item.transactionId && (
                  <div>
                    <Link
                      href={`/transactions/${item.transactionId}`}
                      className="text-xs text-slate-600 underline"
                    >
                      transaction
                      <span className="sr-only"> of order {item.businessKey}</span>
                    </Link>
                    {item.transactionStatus && (
                      <span className="ml-1 text-xs text-slate-600">
                        ({item.transactionStatus.replace('_', ' ')})
                      </span>
                    )}
                  </div>
                )}
                {item.providerRef && (
                  <div className="font-mono text-xs text-slate-600">{item.providerRef}</div>
                )}
              </td>
              <td className="py-2 pr-3">
                {KIND_LABEL[item.kind] ?? item.kind}
                {item.causeLabel && (
                  <span className="block text-xs text-slate-600">{item.causeLabel}</span>
                )}
              </td>
              <td className="py-2 pr-3 font-mono text-xs">{item.field ?? '—'}</td>
              <td className="py-2 pr-3 font-mono text-xs break-all">
                <span className="rounded bg-slate-100 px-1">{shownValue(item.ledgerValue)}</span>
              </td>
              <td className="py-2 pr-3 font-mono text-xs break-all">
                <span
                  className={
                    item.field ? 'rounded bg-amber-100 px-1 text-amber-950' : 'rounded px-1'
                  }
                >
                  {shownValue(item.providerValue)}
                </span>
              </td>
              <td className="py-2 pr-3 capitalize">{item.owner ?? '—'}</td>
              <td className="py-2 pr-3 text-right whitespace-nowrap">
                <BothAmounts item={item} />
              </td>
              <td className="py-2 pr-3">
                <span data-drift-state={item.state}>{STATE_LABEL[item.state] ?? item.state}</span>
                {item.decidedBy && (
                  <div className="text-xs text-slate-600">
                    by {item.decidedBy}
                    {item.note && <span className="block italic">“{item.note}”</span>}
                  </div>
                )}
              </td>
              {canDecide && (
                <td className="py-2 pr-3">
                  {item.state === 'open' && (
                    <div className="flex flex-wrap gap-1">
                      {(DECISIONS_BY_KIND[item.kind] ?? [])
                        .filter((action) => action !== 'replay' || replayable(item))
                        .map((action) => (
                          <DriftDecisionButton
                            key={action}
                            action={action}
                            target={{ itemId: item.id }}
                            label={ACTION_LABEL[action]}
                            context={`order ${item.businessKey}${item.field ? `, ${item.field}` : ''}`}
                          />
                        ))}
                    </div>
                  )}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
