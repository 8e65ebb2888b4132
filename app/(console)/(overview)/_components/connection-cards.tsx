import { Time } from '@/components/time/time';
import type { OverviewConnection } from '@/lib/overview/overview.presenter';
import { StartRecoveryButton } from '../../recoveries/_components/start-recovery-button';
import { formatCount } from './overview-format';

const CIRCUIT: Record<OverviewConnection['circuit']['state'], { text: string; tone: string }> = {
  closed: { text: 'Circuit closed', tone: 'bg-green-100 text-green-900' },
  open: { text: 'Circuit open', tone: 'bg-red-100 text-red-900' },
  half_open: { text: 'Circuit half-open (probing)', tone: 'bg-amber-100 text-amber-900' },
};

function When({ iso, asOf }: { iso: string | null; asOf: string }) {
  if (!iso) return <>never</>;
  return <Time value={iso} relative asOf={asOf} />;
}

/** One card per external system: can we reach it, is it paused, and what waits for it; a paused
 *  one or one whose circuit is open offers its guided recovery to those who may take it. */
export function ConnectionCards({
  connections,
  asOf,
  canRecover = false,
}: {
  connections: OverviewConnection[];
  asOf: string;
  canRecover?: boolean;
}) {
  return (
    <ul className="grid gap-3 sm:grid-cols-2 xl:grid-cols-3">
      {connections.map((c) => {
        const circuit = CIRCUIT[c.circuit.state];
        return (
          <li
            key={c.id}
            data-testid="overview-connection"
            className={`rounded border bg-white p-4 ${c.status === 'paused' ? 'border-purple-300' : c.circuit.state === 'closed' ? 'border-slate-200' : 'border-red-300'}`}
          >
            <div className="flex flex-wrap items-baseline justify-between gap-2">
              <h3 className="font-semibold">{c.name}</h3>
              <span className="text-xs text-slate-600">{c.provider}</span>
            </div>
            <p className="mt-2 flex flex-wrap gap-2 text-xs font-medium">
              {c.status === 'paused' && (
                <span className="rounded bg-purple-100 px-2 py-0.5 text-purple-900">Paused</span>
              )}
              <span className={`rounded px-2 py-0.5 ${circuit.tone}`}>{circuit.text}</span>
            </p>
            <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
              <dt className="text-slate-600">Last success</dt>
              <dd>
                <When iso={c.lastSuccessAt} asOf={asOf} />
              </dd>
              <dt className="text-slate-600">Last failure</dt>
              <dd>
                <When iso={c.lastFailureAt} asOf={asOf} />
                {c.lastError && (
                  <span className="block text-xs break-words text-red-800">{c.lastError}</span>
                )}
              </dd>
              <dt className="text-slate-600">Waiting</dt>
              <dd className={c.status === 'paused' && c.backlog.total > 0 ? 'font-semibold' : ''}>
                {formatCount(c.backlog.total)}
                {c.backlog.oldestDueAgeSeconds !== null && c.backlog.due > 0 && (
                  <span className="text-xs text-slate-600">
                    {' '}
                    · {formatCount(c.backlog.due)} due
                  </span>
                )}
              </dd>
            </dl>
            {canRecover && (c.status === 'paused' || c.circuit.state !== 'closed') && (
              <div className="mt-3">
                <StartRecoveryButton connectionId={c.id} name={c.name} />
              </div>
            )}
          </li>
        );
      })}
    </ul>
  );
}
