// The issue lifecycle's rules, cell by cell: which action moves which state where, what returning
// failures do to each state, and when a snooze hides an issue.
import { describe, expect, it } from 'vitest';
import {
  actionsFrom,
  decideAction,
  ISSUE_ACTIONS,
  ISSUE_STATES,
  isSnoozed,
  issueTitle,
  onFailuresReturned,
  type IssueAction,
  type IssueState,
} from './lifecycle';

const EXPECTED: Record<IssueState, Partial<Record<IssueAction, IssueState>>> = {
  open: { acknowledge: 'acknowledged', resolve: 'resolved', ignore: 'ignored' },
  acknowledged: { resolve: 'resolved', ignore: 'ignored', reopen: 'open' },
  resolved: { ignore: 'ignored', reopen: 'open' },
  ignored: { resolve: 'resolved', reopen: 'open' },
};

describe('decideAction', () => {
  const cells = ISSUE_STATES.flatMap((from) => ISSUE_ACTIONS.map((a) => [from, a] as const));
  it.each(cells)('%s + %s', (from, action) => {
    const to = EXPECTED[from][action];
    expect(decideAction(from, action)).toEqual(
      to ? { kind: 'applied', from, to } : { kind: 'refused', from, action },
    );
  });

  it('offers exactly the applicable actions', () => {
    expect(actionsFrom('open')).toEqual(['acknowledge', 'resolve', 'ignore']);
    expect(actionsFrom('resolved')).toEqual(['ignore', 'reopen']);
  });
});

describe('onFailuresReturned', () => {
  const resolvedAt = new Date('2026-01-05T10:00:00Z');
  const after = new Date('2026-01-05T10:00:01Z');

  it('reopens a resolved issue when a failure comes after the resolve', () => {
    expect(onFailuresReturned('resolved', { resolvedAt, lastFailureAt: after })).toEqual({
      kind: 'reopened',
      from: 'resolved',
      to: 'open',
    });
  });

  it('does not reopen for failures from before the resolve (read late by the upkeep)', () => {
    expect(onFailuresReturned('resolved', { resolvedAt, lastFailureAt: resolvedAt })).toEqual({
      kind: 'counted',
      state: 'resolved',
    });
  });

  it.each(['open', 'acknowledged', 'ignored'] as const)('keeps an %s issue as it is', (state) => {
    expect(onFailuresReturned(state, { resolvedAt: null, lastFailureAt: after })).toEqual({
      kind: 'counted',
      state,
    });
  });
});

describe('isSnoozed', () => {
  const now = new Date('2026-01-05T10:00:00Z');
  it('hides until the snooze passes, then shows again', () => {
    expect(isSnoozed(null, now)).toBe(false);
    expect(isSnoozed(new Date('2026-01-05T10:00:01Z'), now)).toBe(true);
    expect(isSnoozed(now, now)).toBe(false);
    expect(isSnoozed(new Date('2026-01-05T09:00:00Z'), now)).toBe(false);
  });
});

describe('issueTitle', () => {
  it('names the class and the flow, within the limit', () => {
    expect(issueTitle('Orders to warehouse', 'Timeout')).toBe('Timeout on Orders to warehouse');
    expect(issueTitle('x'.repeat(300), 'Timeout')).toHaveLength(200);
  });
});
