import Link from 'next/link';
import type { DriftCounts } from '@/lib/reconciliation/runs.presenter';
import { DriftDecisionButton } from './drift-decision-button';
import {
  ACTION_LABEL,
  DECISIONS_BY_KIND,
  DRIFT_KINDS,
  KIND_HELP,
  KIND_LABEL,
} from './drift-labels';

/** One card per drift kind: open and decided counts, a link to its items, and bulk decisions. */
export function DriftSummary({
  runId,
  counts,
  canDecide,
}: {
  runId: string;
  counts: DriftCounts;
  canDecide: boolean;
}) {
  const of = (kind: string, open: boolean) =>
    counts
      .filter((c) => c.kind === kind && (c.state === 'open') === open)
      .reduce((n, c) => n + c.count, 0);
  return (
    <section aria-labelledby="drift-kinds-heading" className="space-y-2">
      <h2 id="drift-kinds-heading" className="font-semibold">
        Drift by kind
      </h2>
      <ul className="grid gap-3 sm:grid-cols-2 xl:grid-cols-4">
        {DRIFT_KINDS.map((kind) => {
          const open = of(kind, true);
          const decided = of(kind, false);
          return (
            <li
              key={kind}
              data-drift-kind={kind}
              className={`space-y-2 rounded border bg-white p-3 ${open ? 'border-amber-400' : 'border-slate-200'}`}
            >
              <div>
                <Link
                  href={`/reconciliation/runs/${runId}?kind=${kind}`}
                  className="font-medium text-blue-800 underline"
                >
                  {KIND_LABEL[kind]}
                </Link>
                <p className="text-xs text-slate-600">{KIND_HELP[kind]}</p>
              </div>
              <p className="text-sm">
                <span className="text-lg font-semibold tabular-nums">{open}</span> open
                {decided > 0 && <span className="text-slate-600"> · {decided} decided</span>}
              </p>
              {canDecide && open > 0 && (
                <div className="flex flex-wrap gap-2">
                  {(DECISIONS_BY_KIND[kind] ?? []).map((action) => (
                    <DriftDecisionButton
                      key={action}
                      action={action}
                      target={{ runId, kind }}
                      label={`${ACTION_LABEL[action]} all`}
                      context={`every open ${KIND_LABEL[kind]?.toLowerCase()} item of this run`}
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
