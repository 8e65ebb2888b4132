import { Time } from '@/components/time/time';
import { JsonView } from '@/components/ui/json-view';
import { StatusBadge } from '@/components/ui/status-badge';

export interface TimelineItemView {
  id: string;
  kind: string;
  type: string;
  summary: string;
  /** the summary with its embedded times apart (formatted here like every other time) */
  summaryParts?: ({ text: string } | { time: string })[];
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

/** Facts folded by the presenter (lib/ledger/timeline-groups.ts): a run of retries or repeats. */
export interface TimelineRunView {
  kind: 'run';
  what: 'retry' | 'repeat';
  id: string;
  count: number;
  firstAt: string;
  lastAt: string;
  reason: string | null;
  summary: string;
  items: TimelineItemView[];
}

export type TimelineBlockView = { kind: 'entry'; item: TimelineItemView } | TimelineRunView;

export function Timeline({
  blocks,
  truncated = false,
  order = 'oldest',
  filtered = false,
}: {
  blocks: TimelineBlockView[];
  /** older entries exist than the ones shown */
  truncated?: boolean;
  order?: 'newest' | 'oldest';
  /** one kind only is shown: an empty list says so */
  filtered?: boolean;
}) {
  if (blocks.length === 0)
    return (
      <p className="text-slate-600">
        {filtered ? 'Nothing of this kind recorded.' : 'Nothing recorded yet.'}
      </p>
    );
  const note = truncated && (
    <p className="my-2 text-sm text-slate-600">
      Older entries are not shown here; they are available through the API.
    </p>
  );
  return (
    <>
      {order === 'oldest' && note}
      <ol
        aria-label={`Timeline, ${order} first`}
        className="relative space-y-3 border-l-2 border-slate-200 pl-5"
      >
        {blocks.map((block) =>
          block.kind === 'run' ? (
            <TimelineRun key={block.id} run={block} />
          ) : (
            <TimelineEntry key={block.item.id} item={block.item} />
          ),
        )}
      </ol>
      {order === 'newest' && note}
    </>
  );
}

/** A run folded into one line that opens: "retried 7 times, 14:06:43 – 14:07:36, missing dependency". */
function TimelineRun({ run }: { run: TimelineRunView }) {
  const what = run.what === 'retry' ? `retried ${run.count} times` : `repeated ${run.count} times`;
  return (
    <li
      data-testid="timeline-run"
      data-what={run.what}
      data-count={run.count}
      className="rounded border border-l-4 border-slate-200 border-l-slate-400 bg-slate-50 p-3"
    >
      <details>
        <summary className="cursor-pointer text-sm">
          <span className="font-medium">{what}</span>, <Time value={run.firstAt} /> –{' '}
          <Time value={run.lastAt} />
          {run.reason && <>, {run.reason}</>}
          {run.what === 'repeat' && <span className="text-slate-700">: {run.summary}</span>}
          <span className="text-slate-600"> · {run.items.length} entries</span>
        </summary>
        <ol className="mt-3 space-y-3">
          {run.items.map((item) => (
            <TimelineEntry key={item.id} item={item} />
          ))}
        </ol>
      </details>
    </li>
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
        <Time value={item.occurredAt} />
        <span>
          by{' '}
          <span
            className={human ? 'font-medium text-slate-900' : ''}
            title={item.actorLabel && item.actorLabel !== item.actor ? item.actor : undefined}
          >
            {item.actorLabel ?? item.actor}
          </span>
        </span>
        <code className="text-slate-600">{item.type}</code>
      </div>
      <p className="mt-1 text-sm" data-testid="timeline-summary">
        {item.summaryParts
          ? item.summaryParts.map((part, i) =>
              'time' in part ? (
                <Time key={i} value={part.time} data-embedded />
              ) : (
                <span key={i}>{part.text}</span>
              ),
            )
          : item.summary}
      </p>
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
