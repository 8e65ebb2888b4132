// The pure decisions of alert evaluation: what to do with one rule+group given whether its
// condition holds now and the group's latest event, and the failure-rate arithmetic. Kept apart
// from the queries so the storm rules (quiet period, grouping) are tested without a database.

export interface LatestEvent {
  deliveredAt: Date | null;
  resolvedAt: Date | null;
  /** the resolve message went out: a return of the condition must trigger again */
  resolveDeliveredAt?: Date | null;
  /** a failed send waits for its backoff until then */
  retryAt?: Date | null;
}

export type AlertAction =
  /** no event, or the last one is resolved and its delivery is older than the quiet period */
  | { kind: 'open' }
  /** the open event continues: count it; deliver when never delivered (a retry, once its backoff
   * has passed) or as a reminder once the quiet period since its last delivery has passed */
  | { kind: 'repeat'; deliver: boolean }
  /** flapping: the group resolved and came back within the quiet period of the last delivery; the
   * same event reopens, silently unless its resolve was already sent (then it triggers again, so
   * a receiver that closed the incident opens it again) */
  | { kind: 'reopen'; deliver: boolean }
  /** the condition cleared: notify (send the resolve) when the trigger was delivered */
  | { kind: 'resolve'; notify: boolean }
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
  const backingOff = latest?.retryAt != null && latest.retryAt.getTime() > now.getTime();
  if (!holds)
    return latest && !latest.resolvedAt
      ? { kind: 'resolve', notify: latest.deliveredAt !== null }
      : { kind: 'none' };
  if (!latest) return { kind: 'open' };
  if (!latest.resolvedAt) return { kind: 'repeat', deliver: !deliveredRecently && !backingOff };
  return deliveredRecently
    ? { kind: 'reopen', deliver: latest.resolveDeliveredAt != null }
    : { kind: 'open' };
}

/** A failed message is tried again after 1, 2, 4, 8, 16, then every 30 minutes. */
export function retryAtAfter(failedAttempts: number, now: Date): Date {
  const minutes = Math.min(2 ** Math.max(0, failedAttempts - 1), 30);
  return new Date(now.getTime() + minutes * 60_000);
}

/** A send in flight holds its event this long (retry_at), longer than any channel's timeout: a
 * pass that overlaps the sending one sees the event backing off and stays silent, and a send cut
 * short by a crash is tried again once it lapses. */
export const SEND_LEASE_MS = 60_000;

export function leaseUntil(now: Date): Date {
  return new Date(now.getTime() + SEND_LEASE_MS);
}

/** A resolve is given up after this many failed sends (about 3 hours); a trigger never is while
 * its condition holds (it is what the alert is for). */
export const MAX_RESOLVE_ATTEMPTS = 10;

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
  drift: (flowId: string) => `drift:${flowId}`,
};

/** Where a resolve links to (the finding that had the exact path is gone): what the group names. */
export function pathOfGroup(groupKey: string): string {
  const [kind, id] = groupKey.split(':', 2);
  if (kind === 'flow' && id) return `/transactions?flowId=${id}`;
  if (kind === 'connection' && id) return `/connections/${id}`;
  if (kind === 'sla') return '/errors';
  if (kind === 'drift') return '/reconciliation';
  return '/settings/alerts';
}
