import { JsonView } from '@/components/ui/json-view';
import { StatusBadge } from '@/components/ui/status-badge';

export interface TimelineItemView {
  id: string;
  kind: string;
  type: string;
  summary: string;
  actor: string;
  /** who, in words (a person's name for human actions); falls back to `actor` */
  actorLabel?: string;
  /** why, for human actions: the note or reason the person wrote */
  note?: string | null;
  fromStatus: string | null;
  toStatus: string | null;
  data: unknown;
  occurredAt: string;
}

/**
 * Each kind of fact looks different at a glance: what we asked (command), what a provider said
 * (event), what we now believe (status), how belief was checked (reconciliation) and what a person
 * did. The glyph is decoration; the label carries the meaning for screen readers.
 */
const KIND: Record<string, { label: string; glyph: string; border: string; badge: string }> = {
  command: {
    label: 'Command',
    glyph: '↗',
    border: 'border-l-blue-600',
    badge: 'bg-blue-50 text-blue-900',
  },
  event: {
    label: 'Event',
    glyph: '↙',
    border: 'border-l-violet-600',
    badge: 'bg-violet-50 text-violet-900',
  },
  state_change: {
    label: 'Status',
    glyph: '◆',
    border: 'border-l-slate-500',
    badge: 'bg-slate-100 text-slate-800',
  },
  reconciliation: {
    label: 'Reconciliation',
    glyph: '⇄',
    border: 'border-l-teal-600',
    badge: 'bg-teal-50 text-teal-900',
  },
  human_action: {
    label: 'Person',
    glyph: '●',
    border: 'border-l-amber-600',
    badge: 'bg-amber-50 text-amber-900',
  },
};
const OTHER = {
  label: 'Fact',
  glyph: '·',
  border: 'border-l-slate-400',
  badge: 'bg-slate-100 text-slate-800',
};

const time = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'medium' });

export function Timeline({
  items,
  truncated = false,
}: {
  items: TimelineItemView[];
  /** older entries exist than the ones shown */
  truncated?: boolean;
}) {
  if (items.length === 0) return <p className="text-slate-600">Nothing recorded yet.</p>;
  return (
    <>
      {truncated && (
        <p className="mb-2 text-sm text-slate-600">
          Showing the latest {items.length} entries; older ones are available through the API.
        </p>
      )}
      <ol aria-label="Timeline" className="relative space-y-3 border-l-2 border-slate-200 pl-5">
        {items.map((item) => (
          <TimelineEntry key={item.id} item={item} />
        ))}
      </ol>
    </>
  );
}

function TimelineEntry({ item }: { item: TimelineItemView }) {
  const kind = KIND[item.kind] ?? OTHER;
  const human = item.kind === 'human_action';
  return (
    <li
      data-testid="timeline-entry"
      data-type={item.type}
      data-kind={item.kind}
      className={`rounded border border-l-4 border-slate-200 bg-white p-3 ${kind.border}`}
    >
      <div className="flex flex-wrap items-center gap-2 text-xs text-slate-600">
        <span className={`rounded px-1.5 py-0.5 font-medium ${kind.badge}`}>
          <span aria-hidden className="mr-1">
            {kind.glyph}
          </span>
          {kind.label}
        </span>
        <time dateTime={item.occurredAt}>{time.format(new Date(item.occurredAt))}</time>
        <span>
          by{' '}
          <span className={human ? 'font-medium text-slate-900' : ''}>
            {item.actorLabel ?? item.actor}
          </span>
        </span>
        <code className="text-slate-600">{item.type}</code>
      </div>
      <p className="mt-1 text-sm">{item.summary}</p>
      {/* The why stands out; most human summaries already quote it, so it is not repeated. */}
      {human && item.note && !item.summary.includes(item.note) && (
        <blockquote className="mt-1 border-l-2 border-amber-600 pl-2 text-sm text-slate-800 italic">
          {item.note}
        </blockquote>
      )}
      {item.toStatus && (
        <p className="mt-1 flex items-center gap-1 text-xs">
          {item.fromStatus && <StatusBadge status={item.fromStatus} />}
          {item.fromStatus && <span aria-hidden>→</span>}
          <StatusBadge status={item.toStatus} />
        </p>
      )}
      {hasData(item.data) && <JsonView value={item.data} label="Details" />}
    </li>
  );
}

function hasData(data: unknown): boolean {
  if (data === null || data === undefined) return false;
  if (typeof data === 'object') return Object.keys(data).length > 0;
  return true;
}
