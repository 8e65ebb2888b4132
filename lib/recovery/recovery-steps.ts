// The steps of a guided recovery and where each one stands, from the stored recovery and what the
// ledger says now. Pure: the page, the API and the use cases' order checks all read it, and it is
// tested without a database. The steps go in order — see what waits, fix, preview, drain at a
// chosen rate, reconcile the outage window — and a use case refuses a step whose turn has not come
// (nextStepError), so the audit trail always reads in that order.

export const STEP_KEYS = ['waiting', 'fix', 'preview', 'drain', 'reconcile'] as const;
export type StepKey = (typeof STEP_KEYS)[number];

/** done: finished; running: started, not finished (the drain, the runs); current: the next thing
 *  to do; todo: after the current one; closed: the recovery ended before it. */
export type StepStatus = 'done' | 'running' | 'current' | 'todo' | 'closed';

export type RecoveryState = 'open' | 'draining' | 'reconciling' | 'completed' | 'abandoned';

export interface StoredRecovery {
  state: RecoveryState;
  fixConfirmedAt: Date | null;
  previewedAt: Date | null;
  drainStartedAt: Date | null;
  outageTo: Date | null;
}

export interface LiveFacts {
  /** held or failed work of the outage still to go out */
  remaining: number;
  /** reconciliation runs of the window that have not finished */
  runsUnfinished: number;
}

export interface StepState {
  key: StepKey;
  status: StepStatus;
}

const isActive = (state: RecoveryState) =>
  state === 'open' || state === 'draining' || state === 'reconciling';

function finished(key: StepKey, r: StoredRecovery, live: LiveFacts): boolean {
  switch (key) {
    case 'waiting':
      return true; // seen when the recovery started: the page keeps counting it
    case 'fix':
      return r.fixConfirmedAt !== null;
    case 'preview':
      return r.previewedAt !== null;
    case 'drain':
      return r.drainStartedAt !== null && live.remaining === 0;
    case 'reconcile':
      return r.outageTo !== null && live.runsUnfinished === 0;
  }
}

function started(key: StepKey, r: StoredRecovery): boolean {
  if (key === 'drain') return r.drainStartedAt !== null;
  if (key === 'reconcile') return r.outageTo !== null;
  return false;
}

export function recoverySteps(r: StoredRecovery, live: LiveFacts): StepState[] {
  let currentGiven = false;
  return STEP_KEYS.map((key) => {
    if (finished(key, r, live)) return { key, status: 'done' };
    if (started(key, r)) {
      currentGiven = true;
      return { key, status: 'running' };
    }
    if (!isActive(r.state)) return { key, status: 'closed' };
    if (currentGiven) return { key, status: 'todo' };
    currentGiven = true;
    return { key, status: 'current' };
  });
}

export type StepAction = 'fix' | 'preview' | 'drain' | 'reconcile' | 'complete';

/** Why `action` cannot be taken now, in words for the operator; null when it can. A preview may
 *  be taken again (after another fix) until the drain starts; every other step once. */
export function nextStepError(r: StoredRecovery, action: StepAction): string | null {
  if (!isActive(r.state)) return `this recovery is ${r.state}: start a new one`;
  switch (action) {
    case 'fix':
      if (r.state !== 'open') return 'the drain has started: the fix can no longer change';
      return r.fixConfirmedAt ? 'the fix is already confirmed' : null;
    case 'preview':
      if (r.state !== 'open') return 'the drain has started: there is nothing left to preview';
      return r.fixConfirmedAt ? null : 'confirm the fix first';
    case 'drain':
      if (r.state !== 'open') return 'the drain has already started';
      return r.previewedAt ? null : 'preview the drain first';
    case 'reconcile':
      if (r.state === 'open') return 'start the drain first';
      return r.state === 'draining' ? null : 'the outage window is already being reconciled';
    case 'complete':
      return r.state === 'reconciling' ? null : 'reconcile the outage window first';
  }
}

/** The step names people read, in order. */
export const STEP_TITLES: Record<StepKey, string> = {
  waiting: 'What is waiting',
  fix: 'Fix the cause',
  preview: 'Preview',
  drain: 'Drain at a chosen rate',
  reconcile: 'Reconcile the outage window',
};
