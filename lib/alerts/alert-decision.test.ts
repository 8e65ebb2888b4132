import { describe, expect, it } from 'vitest';
import {
  decideAlert,
  failureRateReached,
  groupKeys,
  pathOfGroup,
  percentOf,
  retryAtAfter,
} from './alert-decision';

const now = new Date('2026-11-23T12:00:00Z');
const ago = (minutes: number) => new Date(now.getTime() - minutes * 60_000);
const decide = (holds: boolean, latest: Parameters<typeof decideAlert>[0]['latest']) =>
  decideAlert({ holds, latest, now, quietMinutes: 30 });

describe('decideAlert', () => {
  it('opens (and so delivers) the first event of a group', () => {
    expect(decide(true, null)).toEqual({ kind: 'open' });
  });

  it('keeps quiet while an open event was delivered within the quiet period', () => {
    expect(decide(true, { deliveredAt: ago(29), resolvedAt: null })).toEqual({
      kind: 'repeat',
      deliver: false,
    });
  });

  it('retries an open event that was never delivered, at every evaluation', () => {
    expect(decide(true, { deliveredAt: null, resolvedAt: null })).toEqual({
      kind: 'repeat',
      deliver: true,
    });
  });

  it('reminds once the quiet period since the last delivery has passed', () => {
    expect(decide(true, { deliveredAt: ago(30), resolvedAt: null })).toEqual({
      kind: 'repeat',
      deliver: true,
    });
  });

  it('reopens a flapping group without a new message within the quiet period', () => {
    expect(decide(true, { deliveredAt: ago(5), resolvedAt: ago(2) })).toEqual({
      kind: 'reopen',
      deliver: false,
    });
  });

  it('triggers again on reopening when the resolve was already sent', () => {
    expect(
      decide(true, { deliveredAt: ago(5), resolvedAt: ago(2), resolveDeliveredAt: ago(2) }),
    ).toEqual({ kind: 'reopen', deliver: true });
  });

  it('waits for the backoff before retrying a failed trigger', () => {
    expect(decide(true, { deliveredAt: null, resolvedAt: null, retryAt: ago(-3) })).toEqual({
      kind: 'repeat',
      deliver: false,
    });
    expect(decide(true, { deliveredAt: null, resolvedAt: null, retryAt: ago(0) })).toEqual({
      kind: 'repeat',
      deliver: true,
    });
  });

  it('opens a new event when the group comes back after the quiet period', () => {
    expect(decide(true, { deliveredAt: ago(45), resolvedAt: ago(40) })).toEqual({ kind: 'open' });
    expect(decide(true, { deliveredAt: null, resolvedAt: ago(1) })).toEqual({ kind: 'open' });
  });

  it('resolves an open event when the condition clears, and does nothing otherwise', () => {
    expect(decide(false, { deliveredAt: ago(1), resolvedAt: null })).toEqual({
      kind: 'resolve',
      notify: true,
    });
    // never delivered: nobody was told it fired, so nobody is told it cleared
    expect(decide(false, { deliveredAt: null, resolvedAt: null })).toEqual({
      kind: 'resolve',
      notify: false,
    });
    expect(decide(false, { deliveredAt: ago(1), resolvedAt: ago(1) })).toEqual({ kind: 'none' });
    expect(decide(false, null)).toEqual({ kind: 'none' });
  });

  it('with no quiet period, every evaluation of an ongoing condition delivers', () => {
    expect(
      decideAlert({
        holds: true,
        latest: { deliveredAt: now, resolvedAt: null },
        now,
        quietMinutes: 0,
      }),
    ).toEqual({ kind: 'repeat', deliver: true });
  });
});

describe('retryAtAfter', () => {
  it('backs off 1, 2, 4, 8, 16 minutes, then every 30', () => {
    const minutes = [1, 2, 3, 4, 5, 6, 12].map(
      (n) => (retryAtAfter(n, now).getTime() - now.getTime()) / 60_000,
    );
    expect(minutes).toEqual([1, 2, 4, 8, 16, 30, 30]);
  });
});

describe('failureRateReached', () => {
  const rule = { ratePercent: 20, minTransactions: 10 };

  it('fires at exactly the threshold, not below', () => {
    expect(failureRateReached({ ...rule, total: 10, failed: 2 })).toBe(true);
    expect(failureRateReached({ ...rule, total: 11, failed: 2 })).toBe(false);
  });

  it('needs the minimum number of transactions', () => {
    expect(failureRateReached({ ...rule, total: 9, failed: 9 })).toBe(false);
    expect(failureRateReached({ ...rule, total: 0, failed: 0, minTransactions: 1 })).toBe(false);
  });

  it('handles thresholds that are not whole fractions without float error', () => {
    // 7 of 100 at 7 %: 0.07 * 100 is 7.000000000000001 in floating point
    expect(failureRateReached({ total: 100, failed: 7, ratePercent: 7, minTransactions: 1 })).toBe(
      true,
    );
  });

  it('rounds the share for people', () => {
    expect(percentOf(7, 30)).toBe(23);
    expect(percentOf(0, 0)).toBe(0);
  });
});

describe('groupKeys', () => {
  it('names one group per subject', () => {
    expect(groupKeys.flow('f1')).toBe('flow:f1');
    expect(groupKeys.connection('c1')).toBe('connection:c1');
    expect(groupKeys.sla('r1')).toBe('sla:r1');
  });
});

describe('pathOfGroup', () => {
  it('links a resolve to what its group names', () => {
    expect(pathOfGroup(groupKeys.flow('f1'))).toBe('/transactions?flowId=f1');
    expect(pathOfGroup(groupKeys.connection('c1'))).toBe('/connections/c1');
    expect(pathOfGroup(groupKeys.sla('s1'))).toBe('/errors');
    expect(pathOfGroup(groupKeys.drift('f1'))).toBe('/reconciliation');
    expect(pathOfGroup('other')).toBe('/settings/alerts');
  });
});
