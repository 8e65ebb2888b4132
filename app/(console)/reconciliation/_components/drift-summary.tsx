import Link from '@/components/ui/link';
import type { DriftCounts } from '@/lib/reconciliation/runs.presenter';
import { DriftDecisionButton } from './drift-decision-button';
import {
  ACTION_LABEL,
  DECISIONS_BY_KIND,
  DRIFT_KINDS,
  KIND_HELP,
  KIND_LABEL,
} from './drift-labels';

/**
 * One card per drift kind: open and decided counts, a link to its items, and bulk decisions that
 * say how many items they apply to (a replay only moves failed, in-review or paused transactions).
 */
export function DriftSummary({
  runId,
  counts,
  replayableByKind,
  canDecide,
}: {
  runId: string;
  counts: DriftCounts;
  /** open items per kind whose transaction a replay can move now */
  replayableByKind: Record<string, number>;
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
                  {(DECISIONS_BY_KIND[kind] ?? []).map((action) => {
                    const count = action === 'replay' ? (replayableByKind[kind] ?? 0) : open;
                    if (count === 0) return null;
                    return (
                      <DriftDecisionButton
                        key={action}
                        action={action}
                        target={{ runId, kind }}
                        label={`${ACTION_LABEL[action]} ${count.toLocaleString('en')}`}
                        context={`open ${KIND_LABEL[kind]?.toLowerCase()} items of this run`}
                      />
                    );
                  })}
                </div>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
