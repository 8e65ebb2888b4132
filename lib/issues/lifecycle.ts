// The issue lifecycle, pure: which person's action may move an issue from which state, what
// returning failures do to each state, and when a snooze hides an issue. The use cases
// (issue-changes.ts) and the upkeep (upkeep.ts) both decide through these functions, so the
// rules live in one table that the unit tests walk cell by cell.

export const ISSUE_STATES = ['open', 'acknowledged', 'resolved', 'ignored'] as const;
export type IssueState = (typeof ISSUE_STATES)[number];

/** What a person can do to an issue's state. */
export const ISSUE_ACTIONS = ['acknowledge', 'resolve', 'ignore', 'reopen'] as const;
export type IssueAction = (typeof ISSUE_ACTIONS)[number];

const TARGET: Record<IssueAction, IssueState> = {
  acknowledge: 'acknowledged',
  resolve: 'resolved',
  ignore: 'ignored',
  reopen: 'open',
};

/** From which states each action applies. Acknowledging is only for a fresh issue; reopening
 *  undoes a decision (or an acknowledgement) and is how an ignored issue comes back. */
const SOURCES: Record<IssueAction, readonly IssueState[]> = {
  acknowledge: ['open'],
  resolve: ['open', 'acknowledged', 'ignored'],
  ignore: ['open', 'acknowledged', 'resolved'],
  reopen: ['acknowledged', 'resolved', 'ignored'],
};

export type ActionVerdict =
  | { kind: 'applied'; from: IssueState; to: IssueState }
  | { kind: 'refused'; from: IssueState; action: IssueAction };

export function decideAction(from: IssueState, action: IssueAction): ActionVerdict {
  return SOURCES[action].includes(from)
    ? { kind: 'applied', from, to: TARGET[action] }
    : { kind: 'refused', from, action };
}

export function actionsFrom(state: IssueState): IssueAction[] {
  return ISSUE_ACTIONS.filter((a) => SOURCES[a].includes(state));
}

export type FailureVerdict =
  /** the count and last-seen move; the state stays */
  | { kind: 'counted'; state: IssueState }
  /** a resolved issue whose group failed again: open once more */
  | { kind: 'reopened'; from: 'resolved'; to: 'open' };

/** What new failures of an issue's group do to it. Only a resolution is undone by them, and only
 *  by a failure after it (the upkeep reads failures up to a minute late: one from before the
 *  resolve is what the person resolved). An open or acknowledged issue is already being looked
 *  at, and ignoring means "do not bother me". */
export function onFailuresReturned(
  state: IssueState,
  at: { resolvedAt: Date | null; lastFailureAt: Date },
): FailureVerdict {
  switch (state) {
    case 'resolved':
      return at.resolvedAt && at.lastFailureAt.getTime() <= at.resolvedAt.getTime()
        ? { kind: 'counted', state }
        : { kind: 'reopened', from: 'resolved', to: 'open' };
    case 'open':
    case 'acknowledged':
    case 'ignored':
      return { kind: 'counted', state };
    default: {
      const never: never = state;
      throw new Error(`unknown issue state ${String(never)}`);
    }
  }
}

/** Snoozed: hidden from the default list until the time passes (then shown again by itself). */
export function isSnoozed(snoozedUntil: Date | null, now: Date): boolean {
  return snoozedUntil !== null && snoozedUntil.getTime() > now.getTime();
}

export const ISSUE_TITLE_MAX = 200;

/** An issue's title: what fails, where, and why, in the words of the Error queues screen. */
export function issueTitle(flowName: string, errorClassLabel: string): string {
  return `${errorClassLabel} on ${flowName}`.slice(0, ISSUE_TITLE_MAX);
}
