import { JsonView } from '@/components/ui/json-view';
import { StatusBadge } from '@/components/ui/status-badge';

export interface TimelineItemView {
  id: string;
  kind: string;
  type: string;
  summary: string;
  actor: string;
  fromStatus: string | null;
  toStatus: string | null;
  data: unknown;
  occurredAt: string;
}

const KIND_LABEL: Record<string, string> = {
  command: 'Command',
  event: 'Event',
  state_change: 'Status',
  reconciliation: 'Reconciliation',
  human_action: 'Person',
};

const time = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'medium' });

export function Timeline({ items }: { items: TimelineItemView[] }) {
  if (items.length === 0) return <p className="text-slate-600">Nothing recorded yet.</p>;
  return (
    <ol aria-label="Timeline" className="relative space-y-3 border-l-2 border-slate-200 pl-5">
      {items.map((item) => (
        <li
          key={item.id}
          data-testid="timeline-entry"
          data-type={item.type}
          className="rounded border border-slate-200 bg-white p-3"
        >
          <div className="flex flex-wrap items-center gap-2 text-xs text-slate-500">
            <span className="rounded bg-slate-100 px-1.5 py-0.5 font-medium text-slate-700">
              {KIND_LABEL[item.kind] ?? item.kind}
            </span>
            <time dateTime={item.occurredAt}>{time.format(new Date(item.occurredAt))}</time>
            <span>by {item.actor}</span>
          </div>
          <p className="mt-1 text-sm">{item.summary}</p>
          {item.toStatus && (
            <p className="mt-1 flex items-center gap-1 text-xs">
              {item.fromStatus && <StatusBadge status={item.fromStatus} />}
              {item.fromStatus && <span aria-hidden>→</span>}
              <StatusBadge status={item.toStatus} />
            </p>
          )}
          {item.data !== null && item.data !== undefined && (
            <JsonView value={item.data} label="Details" />
          )}
        </li>
      ))}
    </ol>
  );
}
