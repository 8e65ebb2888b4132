// The timeline as a person reads it: repeated facts folded into one line that opens, newest or
// oldest first, optionally one kind only. A transaction that waited on a dependency for an hour or
// retried through an outage writes the same three facts per attempt (command sent, provider failed,
// status waiting_retry); shown one by one they push the outcome thousands of pixels away. Pure: the
// page and the tests call it with the presenter's items.

export type SummaryPart = { text: string } | { time: string };

const ISO = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})/g;

/** A summary with the ISO timestamps it embeds taken out, so the page formats them like any time. */
export function splitTimes(summary: string): SummaryPart[] {
  const parts: SummaryPart[] = [];
  let at = 0;
  for (const m of summary.matchAll(ISO)) {
    const index = m.index;
    if (index > at) parts.push({ text: summary.slice(at, index) });
    parts.push(Number.isNaN(Date.parse(m[0])) ? { text: m[0] } : { time: m[0] });
    at = index + m[0].length;
  }
  if (at < summary.length || parts.length === 0) parts.push({ text: summary.slice(at) });
  return parts;
}

export interface GroupableItem {
  id: string;
  kind: string;
  type: string;
  summary: string;
  toStatus: string | null;
  occurredAt: string;
  data: unknown;
}

export type TimelineBlock<T> =
  | { kind: 'entry'; item: T }
  | {
      kind: 'run';
      /** retry: attempts and waits that ended in waiting_retry; repeat: the same fact again */
      what: 'retry' | 'repeat';
      id: string;
      /** retries or repeats folded */
      count: number;
      firstAt: string;
      lastAt: string;
      /** why, in words: the error class of the retries ("missing dependency"); null when unsaid */
      reason: string | null;
      /** the latest fact's summary, for a repeat */
      summary: string;
      items: T[];
    };

/** A fact that happened twice in a row is already a run: the second copy says nothing new. */
export const MIN_RUN = 2;

export const TIMELINE_KINDS = [
  'command',
  'event',
  'state_change',
  'reconciliation',
  'human_action',
] as const;
export type TimelineKindFilter = (typeof TIMELINE_KINDS)[number];

export function isTimelineKind(value: unknown): value is TimelineKindFilter {
  return typeof value === 'string' && (TIMELINE_KINDS as readonly string[]).includes(value);
}

const isRetryStatus = (i: GroupableItem) =>
  i.type === 'status.changed' && i.toStatus === 'waiting_retry';
const isAttemptFact = (i: GroupableItem) =>
  i.type === 'command.sent' || i.type.startsWith('provider.');

/** The class a retry names: "… (provider_outage)" at the end of its summary, or its answer's. */
function retryReason(unit: readonly GroupableItem[]): string | null {
  const last = unit.at(-1);
  const named = last ? /\(([a-z_]+)\)\s*$/.exec(last.summary)?.[1] : undefined;
  const answered = unit.find((i) => i.type === 'provider.failed')?.data;
  const fromAnswer =
    answered && typeof answered === 'object' && 'errorClass' in answered
      ? (answered as { errorClass?: unknown }).errorClass
      : undefined;
  const cls =
    named ??
    (typeof fromAnswer === 'string' ? fromAnswer : undefined) ??
    (last?.summary.startsWith('waiting:') ? 'missing_dependency' : undefined);
  return cls ? cls.replace(/_/g, ' ') : null;
}

/** The same fact again: same type and the same words once numbers and times are set aside. */
const repeatKey = (i: GroupableItem) =>
  `${i.type}|${i.toStatus ?? ''}|${i.summary.replace(ISO, '').replace(/\d+/g, '#')}`;

/** Items (oldest first) folded into blocks (oldest first). */
export function groupTimeline<T extends GroupableItem>(
  items: readonly T[],
  minRun = MIN_RUN,
): TimelineBlock<T>[] {
  // 1. units: a retry's facts together (its attempt, if any, and the status it left), else one fact
  const units: { items: T[]; retry: string | null | undefined }[] = [];
  let pending: T[] = [];
  const flush = () => {
    for (const p of pending) units.push({ items: [p], retry: undefined });
    pending = [];
  };
  for (const item of items) {
    if (isAttemptFact(item)) pending.push(item);
    else if (isRetryStatus(item)) {
      const unit = [...pending, item];
      pending = [];
      units.push({ items: unit, retry: retryReason(unit) });
    } else {
      flush();
      units.push({ items: [item], retry: undefined });
    }
  }
  flush();

  // 2. runs: consecutive retries with the same reason, or the same single fact again and again
  const blocks: TimelineBlock<T>[] = [];
  let i = 0;
  while (i < units.length) {
    const start = units[i];
    if (!start) break;
    const retry = start.retry !== undefined;
    const single = start.items[0];
    let j = i + 1;
    while (j < units.length) {
      const next = units[j];
      if (!next) break;
      const same = retry
        ? next.retry !== undefined && next.retry === start.retry
        : next.retry === undefined &&
          next.items.length === 1 &&
          single !== undefined &&
          next.items[0] !== undefined &&
          repeatKey(next.items[0]) === repeatKey(single);
      if (!same) break;
      j += 1;
    }
    const run = units.slice(i, j);
    const folded = run.flatMap((u) => u.items);
    const first = folded[0];
    const last = folded.at(-1);
    if (run.length >= minRun && first && last)
      blocks.push({
        kind: 'run',
        what: retry ? 'retry' : 'repeat',
        id: `run-${first.id}`,
        count: run.length,
        firstAt: first.occurredAt,
        lastAt: last.occurredAt,
        reason: retry ? (start.retry ?? null) : null,
        summary: last.summary,
        items: folded,
      });
    else for (const item of folded) blocks.push({ kind: 'entry', item });
    i = j;
  }
  return blocks;
}

export type TimelineOrder = 'newest' | 'oldest';

export function isTimelineOrder(value: unknown): value is TimelineOrder {
  return value === 'newest' || value === 'oldest';
}

/** Blocks in the order asked for; a run's own facts follow the same order when opened. */
export function orderBlocks<T>(
  blocks: TimelineBlock<T>[],
  order: TimelineOrder,
): TimelineBlock<T>[] {
  if (order === 'oldest') return blocks;
  return [...blocks]
    .reverse()
    .map((b) => (b.kind === 'run' ? { ...b, items: [...b.items].reverse() } : b));
}

/** The timeline as shown: one kind (or all), folded, in the order asked for. */
export function arrangeTimeline<T extends GroupableItem>(
  items: readonly T[],
  opts: { order: TimelineOrder; kind: TimelineKindFilter | null },
): TimelineBlock<T>[] {
  const shown = opts.kind ? items.filter((i) => i.kind === opts.kind) : items;
  return orderBlocks(groupTimeline(shown), opts.order);
}
