// The pure decisions of alert evaluation: what to do with one rule+group given whether its
// condition holds now and the group's latest event, and the failure-rate arithmetic. Kept apart
// from the queries so the storm rules (quiet period, grouping) are tested without a database.

export interface LatestEvent {
  deliveredAt: Date | null;
  resolvedAt: Date | null;
}

export type AlertAction =
  /** no event, or the last one is resolved and its delivery is older than the quiet period */
  | { kind: 'open' }
  /** the open event continues: count it; deliver when never delivered (a retry) or as a reminder
   * once the quiet period since its last delivery has passed */
  | { kind: 'repeat'; deliver: boolean }
  /** flapping: the group resolved and came back within the quiet period of the last delivery;
   * the same event reopens without another message */
  | { kind: 'reopen' }
  | { kind: 'resolve' }
  | { kind: 'none' };

export function decideAlert(input: {
  holds: boolean;
  latest: LatestEvent | null;
  now: Date;
  quietMinutes: number;
}): AlertAction {
  const { holds, latest, now } = input;
  const quietMs = Math.max(0, input.quietMinutes) * 60_000;
  const deliveredRecently =
    latest?.deliveredAt != null && now.getTime() - latest.deliveredAt.getTime() < quietMs;
  if (!holds) return latest && !latest.resolvedAt ? { kind: 'resolve' } : { kind: 'none' };
  if (!latest) return { kind: 'open' };
  if (!latest.resolvedAt) return { kind: 'repeat', deliver: !deliveredRecently };
  return deliveredRecently ? { kind: 'reopen' } : { kind: 'open' };
}

/**
 * True when the failed share of `total` reaches `ratePercent`, in integers (no float edge at
 * exactly the threshold), and only with at least `minTransactions` in the window: one failure out
 * of one is not a rate anyone should be woken for.
 */
export function failureRateReached(input: {
  total: number;
  failed: number;
  ratePercent: number;
  minTransactions: number;
}): boolean {
  const { total, failed, ratePercent, minTransactions } = input;
  if (total <= 0 || total < minTransactions) return false;
  return failed * 100 >= ratePercent * total;
}

/** the share as a whole percent for people: 7 of 30 -> 23 */
export function percentOf(failed: number, total: number): number {
  return total <= 0 ? 0 : Math.round((failed * 100) / total);
}

/** Group keys name what an alert is about; one event stream per rule and group. */
export const groupKeys = {
  flow: (id: string) => `flow:${id}`,
  connection: (id: string) => `connection:${id}`,
  sla: (ruleId: string) => `sla:${ruleId}`,
};
