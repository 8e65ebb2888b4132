import { describe, expect, it } from 'vitest';
import { ErrorClass } from '@/lib/db';
import {
  beginProbe,
  closedBreaker,
  gate,
  isTripping,
  record,
  type Breaker,
  type CallOutcome,
} from './circuit-breaker';
import { parseBreakerPolicy, type BreakerPolicy } from '@/lib/providers/breaker-policy';

const DEFAULTS: BreakerPolicy = {
  windowMs: 10_000,
  minCalls: 10,
  failureRate: 0.5,
  openMs: 15_000,
};
const policy: BreakerPolicy = { windowMs: 10_000, minCalls: 4, failureRate: 0.5, openMs: 5_000 };

const T0 = 1_000_000;
const ok: CallOutcome = { kind: 'success' };
const fail = (errorClass: ErrorClass): CallOutcome => ({ kind: 'failure', errorClass });
const outage = fail('provider_outage');
const timeout = fail('timeout');
const invalid = fail('validation');
const times = (n: number, outcome: CallOutcome): CallOutcome[] =>
  Array.from({ length: n }, () => outcome);

const TRIPPING: ErrorClass[] = ['provider_outage', 'timeout'];
const NON_TRIPPING = Object.values(ErrorClass).filter((c) => !TRIPPING.includes(c));

/** A breaker opened at `atMs` by `policy.minCalls` outages. */
function openedAt(atMs: number): Breaker {
  const b = record(closedBreaker(atMs), times(policy.minCalls, outage), atMs, policy);
  expect(b.state).toBe('open');
  return b;
}

/** A breaker moved to half-open at `atMs` (opened `policy.openMs` earlier). */
function halfOpenAt(atMs: number): Breaker {
  const b = beginProbe(openedAt(atMs - policy.openMs), atMs, policy);
  expect(b.state).toBe('half_open');
  return b;
}

describe('isTripping', () => {
  it.each(TRIPPING)('%s says the provider is unwell', (errorClass) => {
    expect(isTripping(errorClass)).toBe(true);
  });

  it.each(NON_TRIPPING)('%s does not count against the provider', (errorClass) => {
    expect(isTripping(errorClass)).toBe(false);
  });
});

describe('closedBreaker', () => {
  it('starts closed with an empty window at the given time', () => {
    expect(closedBreaker(T0)).toEqual({
      state: 'closed',
      changedAtMs: T0,
      windowStartedAtMs: T0,
      calls: 0,
      failures: 0,
    });
  });
});

describe('record: closed window counting', () => {
  it('counts calls and tripping failures', () => {
    const b = record(closedBreaker(T0), [ok, outage, ok], T0 + 10, policy);
    expect(b).toEqual({ ...closedBreaker(T0), calls: 3, failures: 1 });
  });

  it('does not mutate the breaker it was given', () => {
    const before = closedBreaker(T0);
    const copy = { ...before };
    record(before, [outage, outage, outage, outage], T0, policy);
    expect(before).toEqual(copy);
  });

  it('an empty batch changes nothing', () => {
    const b = closedBreaker(T0);
    expect(record(b, [], T0 + 50_000, policy)).toEqual(b);
  });

  it('stays closed below minCalls even when every call fails', () => {
    const b = record(closedBreaker(T0), times(policy.minCalls - 1, outage), T0, policy);
    expect(b.state).toBe('closed');
    expect(b).toMatchObject({ calls: policy.minCalls - 1, failures: policy.minCalls - 1 });
  });

  it('opens on the call that reaches minCalls with an all-failing window', () => {
    const b = record(closedBreaker(T0), times(policy.minCalls, timeout), T0 + 7, policy);
    expect(b).toEqual({
      state: 'open',
      changedAtMs: T0 + 7,
      windowStartedAtMs: T0 + 7,
      calls: 0,
      failures: 0,
    });
  });

  it('opens when the failure share exactly equals failureRate', () => {
    // 2 of 4 = 0.5 with failureRate 0.5
    const b = record(closedBreaker(T0), [ok, outage, ok, timeout], T0, policy);
    expect(b.state).toBe('open');
  });

  it('stays closed when the failure share is just under failureRate', () => {
    // 2 of 5 = 0.4 < 0.5
    const b = record(closedBreaker(T0), [ok, outage, ok, ok, timeout], T0, policy);
    expect(b).toMatchObject({ state: 'closed', calls: 5, failures: 2 });
  });

  it('opens later in the window once the share climbs to failureRate', () => {
    // 1 of 4 -> closed; then outages push it to 3 of 6 = 0.5
    let b = record(closedBreaker(T0), [ok, ok, ok, outage], T0, policy);
    expect(b).toMatchObject({ state: 'closed', calls: 4, failures: 1 });
    b = record(b, [outage], T0 + 1, policy);
    expect(b).toMatchObject({ state: 'closed', calls: 5, failures: 2 });
    b = record(b, [outage], T0 + 2, policy);
    expect(b.state).toBe('open');
    expect(b.changedAtMs).toBe(T0 + 2);
  });

  it('counts outcomes across several batches in the same window', () => {
    let b = closedBreaker(T0);
    b = record(b, [outage, outage], T0 + 100, policy);
    expect(b.state).toBe('closed');
    b = record(b, [outage, outage], T0 + 200, policy);
    expect(b.state).toBe('open');
  });

  it.each(NON_TRIPPING)('a %s failure is a call but never trips the circuit', (errorClass) => {
    const b = record(closedBreaker(T0), times(50, fail(errorClass)), T0, policy);
    expect(b).toMatchObject({ state: 'closed', calls: 50, failures: 0 });
  });

  it('non-tripping failures dilute the failure share like successes do', () => {
    // 1 outage among 4 calls = 0.25 < 0.5
    const b = record(
      closedBreaker(T0),
      [invalid, fail('rate_limited'), outage, invalid],
      T0,
      policy,
    );
    expect(b).toMatchObject({ state: 'closed', calls: 4, failures: 1 });
  });

  it('with minCalls 1 and failureRate 1 a single outage opens the circuit', () => {
    const strict: BreakerPolicy = { ...policy, minCalls: 1, failureRate: 1 };
    expect(record(closedBreaker(T0), [outage], T0, strict).state).toBe('open');
    expect(record(closedBreaker(T0), [ok], T0, strict).state).toBe('closed');
  });
});

describe('record: window reset', () => {
  it('keeps counting at exactly windowMs after the window started', () => {
    const b = record(closedBreaker(T0), [outage, outage, outage], T0, policy);
    expect(record(b, [ok], T0 + policy.windowMs - 1, policy)).toMatchObject({
      state: 'open', // 3 of 4 >= 0.5: the old failures still count
      changedAtMs: T0 + policy.windowMs - 1,
    });
    expect(record(b, [ok], T0 + policy.windowMs, policy)).toMatchObject({
      state: 'open',
      changedAtMs: T0 + policy.windowMs,
    });
  });

  it('starts a fresh window once more than windowMs has passed', () => {
    const b = record(closedBreaker(T0), [outage, outage, outage], T0, policy);
    const later = T0 + policy.windowMs + 1;
    const next = record(b, [outage], later, policy);
    expect(next).toEqual({
      state: 'closed',
      changedAtMs: T0,
      windowStartedAtMs: later,
      calls: 1,
      failures: 1,
    });
  });

  it('old failures do not combine with new ones to open the circuit', () => {
    let b = record(closedBreaker(T0), times(policy.minCalls - 1, outage), T0, policy);
    b = record(b, times(policy.minCalls - 1, outage), T0 + policy.windowMs + 1, policy);
    expect(b).toMatchObject({ state: 'closed', calls: policy.minCalls - 1 });
  });

  it('the window is measured from its start, not from the last call', () => {
    let b = closedBreaker(T0);
    b = record(b, [ok], T0 + 4_000, policy);
    b = record(b, [ok], T0 + 8_000, policy);
    b = record(b, [ok], T0 + 12_000, policy); // > windowMs after T0
    expect(b).toMatchObject({ windowStartedAtMs: T0 + 12_000, calls: 1, failures: 0 });
  });
});

describe('gate', () => {
  it('a closed circuit lets calls flow', () => {
    expect(gate(closedBreaker(T0), T0, policy)).toEqual({ kind: 'closed' });
    expect(gate(closedBreaker(T0), T0 + 10 * policy.openMs, policy)).toEqual({ kind: 'closed' });
  });

  it('an open circuit blocks until changedAtMs + openMs', () => {
    const b = openedAt(T0);
    const untilMs = T0 + policy.openMs;
    expect(gate(b, T0, policy)).toEqual({ kind: 'open', untilMs });
    expect(gate(b, untilMs - 1, policy)).toEqual({ kind: 'open', untilMs });
  });

  it('an open circuit whose time is up allows a probe (at and after untilMs)', () => {
    const b = openedAt(T0);
    expect(gate(b, T0 + policy.openMs, policy)).toEqual({ kind: 'probe' });
    expect(gate(b, T0 + policy.openMs + 60_000, policy)).toEqual({ kind: 'probe' });
  });

  it('gate does not change the breaker', () => {
    const b = openedAt(T0);
    const copy = { ...b };
    gate(b, T0 + policy.openMs, policy);
    expect(b).toEqual(copy);
  });

  it('a half-open circuit answers probe', () => {
    expect(gate(halfOpenAt(T0), T0, policy)).toEqual({ kind: 'probe' });
  });

  it('uses the openMs of the policy it is given', () => {
    const b = openedAt(T0);
    expect(gate(b, T0 + 1_000, { ...policy, openMs: 1_000 })).toEqual({ kind: 'probe' });
    expect(gate(b, T0 + 1_000, { ...policy, openMs: 2_000 })).toEqual({
      kind: 'open',
      untilMs: T0 + 2_000,
    });
  });
});

describe('beginProbe', () => {
  it('moves an open circuit whose time is up to half-open, stamped now', () => {
    const b = openedAt(T0);
    const now = T0 + policy.openMs + 123;
    expect(beginProbe(b, now, policy)).toEqual({ ...b, state: 'half_open', changedAtMs: now });
  });

  it('leaves an open circuit whose time is not up alone', () => {
    const b = openedAt(T0);
    expect(beginProbe(b, T0 + policy.openMs - 1, policy)).toBe(b);
  });

  it('leaves closed and half-open circuits alone', () => {
    const closed = closedBreaker(T0);
    expect(beginProbe(closed, T0 + 100_000, policy)).toBe(closed);
    const half = halfOpenAt(T0);
    expect(beginProbe(half, T0 + 100_000, policy)).toBe(half);
  });
});

describe('record: half-open probe', () => {
  it('a successful probe closes the circuit with a fresh window', () => {
    const now = T0 + 250;
    expect(record(halfOpenAt(T0), [ok], now, policy)).toEqual(closedBreaker(now));
  });

  it.each(TRIPPING)('a %s probe re-opens the circuit with a fresh changedAtMs', (errorClass) => {
    const now = T0 + 250;
    const b = record(halfOpenAt(T0), [fail(errorClass)], now, policy);
    expect(b.state).toBe('open');
    expect(b.changedAtMs).toBe(now);
    expect(gate(b, now, policy)).toEqual({ kind: 'open', untilMs: now + policy.openMs });
    expect(gate(b, now + policy.openMs, policy)).toEqual({ kind: 'probe' });
  });

  it.each(NON_TRIPPING)('a %s probe failure keeps the circuit half-open', (errorClass) => {
    const half = halfOpenAt(T0);
    const b = record(half, [fail(errorClass)], T0 + 250, policy);
    expect(b).toEqual(half);
    expect(gate(b, T0 + 250, policy)).toEqual({ kind: 'probe' });
  });

  it('after a successful probe later outcomes in the same batch count in the new window', () => {
    const now = T0 + 250;
    const b = record(halfOpenAt(T0), [ok, outage, ok], now, policy);
    expect(b).toEqual({ ...closedBreaker(now), calls: 2, failures: 1 });
  });

  it('after a failed probe later outcomes in the same batch are ignored', () => {
    const now = T0 + 250;
    const b = record(halfOpenAt(T0), [outage, ok, ok], now, policy);
    expect(b.state).toBe('open');
    expect(b.changedAtMs).toBe(now);
  });
});

describe('record: open circuit', () => {
  it.each<[string, CallOutcome]>([
    ['success', ok],
    ['provider_outage', outage],
    ['timeout', timeout],
    ['validation', invalid],
  ])('ignores a late %s outcome', (_label, outcome) => {
    const b = openedAt(T0);
    expect(record(b, [outcome], T0 + 10, policy)).toEqual(b);
  });

  it('ignores outcomes even after openMs has passed (only beginProbe moves it on)', () => {
    const b = openedAt(T0);
    expect(record(b, [ok, ok, ok], T0 + policy.openMs + 1, policy)).toEqual(b);
  });

  it('outcomes after the trip in the same batch are ignored', () => {
    const b = record(
      closedBreaker(T0),
      [...times(policy.minCalls, outage), ok, ok, ok, ok],
      T0 + 5,
      policy,
    );
    expect(b.state).toBe('open');
    expect(b.changedAtMs).toBe(T0 + 5);
  });
});

describe('a full cycle', () => {
  it('closed -> open -> probe -> half_open -> open -> probe -> half_open -> closed', () => {
    let b = closedBreaker(T0);
    b = record(b, times(policy.minCalls, timeout), T0 + 1_000, policy);
    expect(gate(b, T0 + 1_000, policy)).toEqual({ kind: 'open', untilMs: T0 + 6_000 });

    expect(gate(b, T0 + 6_000, policy)).toEqual({ kind: 'probe' });
    b = beginProbe(b, T0 + 6_000, policy);
    expect(b.state).toBe('half_open');
    b = record(b, [outage], T0 + 6_500, policy);
    expect(gate(b, T0 + 7_000, policy)).toEqual({ kind: 'open', untilMs: T0 + 11_500 });

    b = beginProbe(b, T0 + 11_500, policy);
    b = record(b, [ok], T0 + 11_600, policy);
    expect(b).toEqual(closedBreaker(T0 + 11_600));
    expect(gate(b, T0 + 11_600, policy)).toEqual({ kind: 'closed' });
  });
});

describe('parseBreakerPolicy', () => {
  it.each([undefined, null, {}])('%s -> defaults', (value) => {
    expect(parseBreakerPolicy(value)).toEqual(DEFAULTS);
  });

  it('keeps a valid policy', () => {
    const value = { windowMs: 30_000, minCalls: 3, failureRate: 0.25, openMs: 500 };
    expect(parseBreakerPolicy(value)).toEqual(value);
  });

  it('accepts the boundary values', () => {
    const value = { windowMs: 1000, minCalls: 1, failureRate: 0.01, openMs: 100 };
    expect(parseBreakerPolicy(value)).toEqual(value);
    expect(parseBreakerPolicy({ failureRate: 1 })).toEqual({ ...DEFAULTS, failureRate: 1 });
  });

  it('fills missing fields with defaults', () => {
    expect(parseBreakerPolicy({ openMs: 60_000 })).toEqual({ ...DEFAULTS, openMs: 60_000 });
  });

  it('drops unknown keys', () => {
    expect(parseBreakerPolicy({ minCalls: 2, colour: 'red' })).toEqual({
      ...DEFAULTS,
      minCalls: 2,
    });
  });

  it.each([
    ['a string', 'open fast'],
    ['a number', 5],
    ['an array', [1, 2]],
    ['a boolean', true],
    ['a window under 1s', { windowMs: 999 }],
    ['a fractional window', { windowMs: 1500.5 }],
    ['zero minCalls', { minCalls: 0 }],
    ['a fractional minCalls', { minCalls: 2.5 }],
    ['a failure rate under 0.01', { failureRate: 0.001 }],
    ['a failure rate over 1', { failureRate: 1.5 }],
    ['a negative failure rate', { failureRate: -0.5 }],
    ['openMs under 100', { openMs: 99 }],
    ['a non-numeric field', { openMs: '15s' }],
    ['NaN', { windowMs: Number.NaN }],
    ['one bad field next to good ones', { minCalls: 3, failureRate: 2 }],
  ])('falls back to the full defaults for %s', (_label, value) => {
    expect(parseBreakerPolicy(value)).toEqual(DEFAULTS);
  });
});
