import { formatAge } from '@/components/ui/format';
import type { ConnectionHealthRow } from '@/lib/engine/connection-health.presenter';

const TONE: Record<string, string> = {
  active: 'bg-green-100 text-green-900',
  paused: 'bg-purple-100 text-purple-900',
  closed: 'bg-green-100 text-green-900',
  open: 'bg-red-100 text-red-900',
  half_open: 'bg-amber-100 text-amber-900',
};

/** Connection and flow states, and circuit states: words first, colour only as a second cue. */
export function StateBadge({ value }: { value: string }) {
  return (
    <span
      data-state={value}
      className={`inline-block rounded px-2 py-0.5 text-xs font-medium ${TONE[value] ?? 'bg-slate-100 text-slate-800'}`}
    >
      {value.replace('_', '-')}
    </span>
  );
}

export function Backlog({ backlog }: { backlog: ConnectionHealthRow['backlog'] }) {
  if (backlog.total === 0) return <span className="text-slate-600">empty</span>;
  return (
    <span>
      <span data-testid="backlog-total" className="font-medium">
        {backlog.total}
      </span>{' '}
      waiting
      <span className="block text-xs text-slate-600">
        {backlog.due} due
        {backlog.oldestDueAgeSeconds !== null &&
          ` · oldest due for ${formatAge(backlog.oldestDueAgeSeconds)}`}
      </span>
    </span>
  );
}
