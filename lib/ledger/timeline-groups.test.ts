import { describe, expect, it } from 'vitest';
import {
  arrangeTimeline,
  groupTimeline,
  splitTimes,
  type GroupableItem,
  type TimelineBlock,
} from './timeline-groups';

let n = 0;
const at = (s: number) => new Date(Date.UTC(2026, 11, 5, 14, 6, 40 + s)).toISOString();
const fact = (partial: Partial<GroupableItem> & { type: string }, s: number): GroupableItem => ({
  id: String(++n),
  kind: partial.type.startsWith('command')
    ? 'command'
    : partial.type.startsWith('provider')
      ? 'event'
      : 'state_change',
  summary: partial.type,
  toStatus: null,
  occurredAt: at(s),
  data: null,
  ...partial,
});
/** one failed attempt: command, answer, status waiting_retry naming the class */
const attempt = (s: number, cls = 'provider_outage') => [
  fact({ type: 'command.sent', summary: `create_fulfilment sent (attempt ${s})` }, s),
  fact({ type: 'provider.failed', data: { errorClass: cls } }, s),
  fact(
    {
      type: 'status.changed',
      toStatus: 'waiting_retry',
      summary: `down; retry ${s + 1} of 8 in 4 s at ${at(s + 4)} (${cls})`,
    },
    s,
  ),
];
const kinds = (blocks: TimelineBlock<GroupableItem>[]) =>
  blocks.map((b) => (b.kind === 'run' ? `run:${b.what}:${b.count}` : b.item.type));

describe('groupTimeline', () => {
  it('folds a run of retries into one block that keeps every fact, with its span and class', () => {
    const inbound = fact({ type: 'inbound.accepted' }, 0);
    const retries = [1, 2, 3, 4, 5, 6, 7].flatMap((s) => attempt(s * 7));
    const done = fact({ type: 'status.changed', toStatus: 'completed', summary: 'done' }, 60);
    const blocks = groupTimeline([inbound, ...retries, done]);
    expect(kinds(blocks)).toEqual(['inbound.accepted', 'run:retry:7', 'status.changed']);
    const run = blocks[1];
    expect(run).toMatchObject({
      kind: 'run',
      reason: 'provider outage',
      firstAt: retries[0]?.occurredAt,
      lastAt: retries.at(-1)?.occurredAt,
    });
    expect(run?.kind === 'run' && run.items).toEqual(retries);
  });

  it('folds waits without attempts (a blocked dependency) and names the class', () => {
    const waits = [1, 2, 3].map((s) =>
      fact(
        {
          type: 'status.changed',
          toStatus: 'waiting_retry',
          summary: `blocked: ERP sales order for 1047 is failed; retry ${s} of 8 in 4 s at ${at(s)} (missing_dependency)`,
        },
        s,
      ),
    );
    const [run] = groupTimeline(waits);
    expect(run).toMatchObject({
      kind: 'run',
      what: 'retry',
      count: 3,
      reason: 'missing dependency',
    });
  });

  it('keeps runs of different classes apart and leaves a single retry as it is', () => {
    const blocks = groupTimeline([...attempt(1), ...attempt(2), ...attempt(3, 'timeout')]);
    expect(kinds(blocks)).toEqual([
      'run:retry:2',
      'command.sent',
      'provider.failed',
      'status.changed',
    ]);
  });

  it('folds the same fact repeated, numbers and times aside, and nothing else', () => {
    const held = [1, 2, 3].map((s) =>
      fact({ type: 'circuit.held', kind: 'event', summary: `circuit open until ${at(s)}` }, s),
    );
    const note = fact(
      { type: 'note.added', kind: 'human_action', summary: 'called the customer' },
      9,
    );
    const blocks = groupTimeline([...held, note]);
    expect(kinds(blocks)).toEqual(['run:repeat:3', 'note.added']);
    expect(blocks[0]).toMatchObject({ summary: held[2]?.summary, reason: null });
  });
});

describe('arrangeTimeline', () => {
  const items = [
    fact({ type: 'inbound.accepted', kind: 'event' }, 0),
    ...attempt(1),
    ...attempt(2),
  ];

  it('puts the newest first, runs included, and their facts newest first inside', () => {
    const blocks = arrangeTimeline(items, { order: 'newest', kind: null });
    expect(kinds(blocks)).toEqual(['run:retry:2', 'inbound.accepted']);
    const run = blocks[0];
    expect(run?.kind === 'run' && run.items.map((i) => i.id)).toEqual(
      items
        .slice(1)
        .reverse()
        .map((i) => i.id),
    );
  });

  it('shows one kind only, folded within it', () => {
    const blocks = arrangeTimeline(items, { order: 'oldest', kind: 'state_change' });
    expect(kinds(blocks)).toEqual(['run:retry:2']);
    const run = blocks[0];
    expect(run?.kind === 'run' && run.items.every((i) => i.kind === 'state_change')).toBe(true);
  });
});

describe('splitTimes', () => {
  it('takes embedded ISO times out of a message', () => {
    expect(splitTimes('retry 2 of 3 in 41 min at 2026-12-05T14:07:36.000Z (timeout)')).toEqual([
      { text: 'retry 2 of 3 in 41 min at ' },
      { time: '2026-12-05T14:07:36.000Z' },
      { text: ' (timeout)' },
    ]);
  });

  it('leaves a message without times whole', () => {
    expect(splitTimes('Warehouse answered 201')).toEqual([{ text: 'Warehouse answered 201' }]);
    expect(splitTimes('')).toEqual([{ text: '' }]);
  });
});
