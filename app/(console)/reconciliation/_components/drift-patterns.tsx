import Link from '@/components/ui/link';
import type { DriftPatterns } from '@/lib/reconciliation/drift-patterns.presenter';
import { DriftDecisionButton } from './drift-decision-button';
import { ACTION_LABEL, DECISIONS_BY_KIND } from './drift-labels';
import { BothAmounts, shownValue } from './drift-values';

const n = (v: number) => v.toLocaleString('en');

/**
 * Drift grouped by pattern (kind, field, cause), the largest first: each with its count, an
 * example row showing both sides, and bulk decisions that say how many items they apply to.
 * The confirmation asks again with a fresh count.
 */
export function DriftPatternList({
  runId,
  patterns,
  canDecide,
}: {
  runId: string;
  patterns: DriftPatterns;
  canDecide: boolean;
}) {
  if (patterns.length === 0) return null;
  return (
    <section aria-labelledby="patterns-heading" className="space-y-2">
      <h2 id="patterns-heading" className="font-semibold">
        Drift by pattern
      </h2>
      <ul className="space-y-2">
        {patterns.map((p) => {
          const e = p.example;
          const counts = {
            replay: p.replayable,
            accept: p.open,
            backfill: p.open,
          } as const;
          const filter = new URLSearchParams({ kind: p.kind });
          return (
            <li
              key={`${p.kind}-${p.field ?? ''}-${p.cause ?? ''}`}
              data-drift-pattern={`${p.kind}:${p.field ?? ''}:${p.cause ?? ''}`}
              className={`space-y-2 rounded border bg-white p-3 ${p.open ? 'border-amber-400' : 'border-slate-200'}`}
            >
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                <p className="font-medium">
                  <Link
                    href={`/reconciliation/runs/${runId}?${filter.toString()}`}
                    className="text-blue-800 underline"
                  >
                    {p.title}
                  </Link>
                </p>
                <p className="text-sm tabular-nums" data-pattern-counts>
                  <span className="font-semibold">{n(p.items)}</span>{' '}
                  {p.items === 1 ? 'item' : 'items'} on {n(p.records)}{' '}
                  {p.records === 1 ? 'record' : 'records'} · {n(p.open)} open
                </p>
              </div>
              {e && (
                <p className="text-sm break-words text-slate-700">
                  <span className="text-slate-600">For example order </span>
                  <Link
                    href={`/orders/${encodeURIComponent(e.businessKey)}`}
                    className="text-blue-700 underline"
                  >
                    {e.businessKey}
                  </Link>
                  {e.field && <span className="font-mono text-xs"> {e.field}</span>}: ledger{' '}
                  <span className="rounded bg-slate-100 px-1 font-mono text-xs">
                    {shownValue(e.ledgerValue)}
                  </span>{' '}
                  · provider{' '}
                  <span className="rounded bg-amber-100 px-1 font-mono text-xs text-amber-950">
                    {shownValue(e.providerValue)}
                  </span>
                  {(e.amountMinor !== null || e.ledgerAmountMinor !== null) && (
                    <span className="text-slate-600">
                      {' '}
                      · amount <BothAmounts item={e} inline />
                    </span>
                  )}
                </p>
              )}
              {canDecide && p.open > 0 && (
                <div className="flex flex-wrap gap-2">
                  {(DECISIONS_BY_KIND[p.kind] ?? [])
                    .filter((action) => counts[action] > 0)
                    .map((action) => (
                      <DriftDecisionButton
                        key={action}
                        action={action}
                        target={{
                          runId,
                          kind: p.kind,
                          pattern: { field: p.field, cause: p.cause },
                        }}
                        label={`${ACTION_LABEL[action]} ${n(counts[action])}`}
                        context={`open items of the pattern “${p.title}”`}
                      />
                    ))}
                </div>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
