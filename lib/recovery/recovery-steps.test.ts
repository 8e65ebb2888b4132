// Where each step of a guided recovery stands across its lifecycle, and which step may be taken
// when: the order the use cases enforce (and the audit trail reads in) comes from these two
// functions, so every action is tried in every state.
import { describe, expect, it } from 'vitest';
import {
  nextStepError,
  recoverySteps,
  STEP_KEYS,
  STEP_TITLES,
  type LiveFacts,
  type RecoveryState,
  type StepAction,
  type StepStatus,
  type StoredRecovery,
} from './recovery-steps';

const T = new Date('2026-12-06T10:00:00Z');
const fresh: StoredRecovery = {
  state: 'open',
  fixConfirmedAt: null,
  previewedAt: null,
  drainStartedAt: null,
  outageTo: null,
};
const fixed: StoredRecovery = { ...fresh, fixConfirmedAt: T };
const previewed: StoredRecovery = { ...fixed, previewedAt: T };
const draining: StoredRecovery = { ...previewed, state: 'draining', drainStartedAt: T };
const reconciling: StoredRecovery = { ...draining, state: 'reconciling', outageTo: T };
const completed: StoredRecovery = { ...reconciling, state: 'completed' };
const abandoned = (r: StoredRecovery): StoredRecovery => ({ ...r, state: 'abandoned' });

const live = (remaining: number, runsUnfinished = 0): LiveFacts => ({ remaining, runsUnfinished });

/** The statuses in step order: waiting, fix, preview, drain, reconcile. */
const statuses = (r: StoredRecovery, facts: LiveFacts) =>
  recoverySteps(r, facts).map((s) => s.status);

describe('recoverySteps', () => {
  it('lists the five steps in order, each with a title', () => {
    expect(recoverySteps(fresh, live(3)).map((s) => s.key)).toEqual([...STEP_KEYS]);
    expect(STEP_KEYS).toEqual(['waiting', 'fix', 'preview', 'drain', 'reconcile']);
    for (const key of STEP_KEYS) expect(STEP_TITLES[key]).toMatch(/\w/);
  });

  const lifecycle: [string, StoredRecovery, LiveFacts, StepStatus[]][] = [
    ['a fresh recovery', fresh, live(5), ['done', 'current', 'todo', 'todo', 'todo']],
    ['after the fix', fixed, live(5), ['done', 'done', 'current', 'todo', 'todo']],
    ['after the preview', previewed, live(5), ['done', 'done', 'done', 'current', 'todo']],
    [
      'the drain started, work remaining',
      draining,
      live(4),
      ['done', 'done', 'done', 'running', 'todo'],
    ],
    ['the drain emptied', draining, live(0), ['done', 'done', 'done', 'done', 'current']],
    [
      'reconciling, runs unfinished',
      reconciling,
      live(0, 2),
      ['done', 'done', 'done', 'done', 'running'],
    ],
    [
      'reconciling while the drain still works',
      reconciling,
      live(7, 1),
      ['done', 'done', 'done', 'running', 'running'],
    ],
    ['reconciled', reconciling, live(0, 0), ['done', 'done', 'done', 'done', 'done']],
    ['completed', completed, live(0, 0), ['done', 'done', 'done', 'done', 'done']],
  ];
  it.each(lifecycle)('%s', (_, r, facts, expected) => {
    expect(statuses(r, facts)).toEqual(expected);
  });

  it('has exactly one current step while the recovery waits for a person', () => {
    for (const r of [fresh, fixed, previewed])
      expect(statuses(r, live(5)).filter((s) => s === 'current')).toHaveLength(1);
    // something is running: nothing else is offered as current until it is done
    expect(statuses(draining, live(1))).not.toContain('current');
  });

  const ended: [string, StoredRecovery, LiveFacts, StepStatus[]][] = [
    ['at once', abandoned(fresh), live(5), ['done', 'closed', 'closed', 'closed', 'closed']],
    ['after the fix', abandoned(fixed), live(5), ['done', 'done', 'closed', 'closed', 'closed']],
    [
      'after the preview',
      abandoned(previewed),
      live(5),
      ['done', 'done', 'done', 'closed', 'closed'],
    ],
    // the resumed connection keeps sending what was held: the drain is still honestly running
    ['while draining', abandoned(draining), live(3), ['done', 'done', 'done', 'running', 'closed']],
    [
      'once the drain emptied',
      abandoned(draining),
      live(0),
      ['done', 'done', 'done', 'done', 'closed'],
    ],
  ];
  it.each(ended)('an abandoned recovery closes the steps not taken (%s)', (_, r, facts, want) => {
    expect(statuses(r, facts)).toEqual(want);
  });
});

describe('nextStepError', () => {
  const ACTIONS: StepAction[] = ['fix', 'preview', 'drain', 'reconcile', 'complete'];
  const NOT_YET = {
    preview: 'confirm the fix first',
    drain: 'preview the drain first',
    reconcile: 'start the drain first',
    complete: 'reconcile the outage window first',
  };
  const DRAIN_STARTED = {
    fix: 'the drain has started: the fix can no longer change',
    preview: 'the drain has started: there is nothing left to preview',
    drain: 'the drain has already started',
  };
  const table: [string, StoredRecovery, Record<StepAction, string | null>][] = [
    ['a fresh recovery', fresh, { fix: null, ...NOT_YET }],
    ['a fixed one', fixed, { ...NOT_YET, fix: 'the fix is already confirmed', preview: null }],
    [
      'a previewed one (the preview may be taken again)',
      previewed,
      { ...NOT_YET, fix: 'the fix is already confirmed', preview: null, drain: null },
    ],
    ['a draining one', draining, { ...DRAIN_STARTED, reconcile: null, complete: NOT_YET.complete }],
    [
      'a reconciling one',
      reconciling,
      {
        ...DRAIN_STARTED,
        reconcile: 'the outage window is already being reconciled',
        complete: null,
      },
    ],
  ];
  const cases = table.flatMap(([name, r, want]) =>
    ACTIONS.map((action) => [name, action, want[action], r] as const),
  );
  it.each(cases)('%s: %s -> %s', (_, action, want, r) => {
    expect(nextStepError(r, action)).toBe(want);
  });

  const finished: [RecoveryState, StoredRecovery][] = [
    ['completed', completed],
    ['abandoned', abandoned(fresh)],
    ['abandoned', abandoned(previewed)],
    ['abandoned', abandoned(reconciling)],
  ];
  it.each(finished)('a %s recovery refuses every step', (state, r) => {
    for (const action of ACTIONS)
      expect(nextStepError(r, action)).toBe(`this recovery is ${state}: start a new one`);
  });

  it('allows exactly one step at each stage, the preview twice', () => {
    const allowed = (r: StoredRecovery) => ACTIONS.filter((a) => nextStepError(r, a) === null);
    expect(allowed(fresh)).toEqual(['fix']);
    expect(allowed(fixed)).toEqual(['preview']);
    expect(allowed(previewed)).toEqual(['preview', 'drain']);
    expect(allowed(draining)).toEqual(['reconcile']);
    expect(allowed(reconciling)).toEqual(['complete']);
    expect(allowed(completed)).toEqual([]);
  });
});
