import { describe, expect, it } from 'vitest';
import { ErrorClass } from '@/lib/db';
import {
  CLASS_BEHAVIOUR,
  decideOnFailure,
  parseRetryPolicy,
  type RetryPolicy,
} from './retry-policy';

const RETRY_CLASSES: ErrorClass[] = [
  'rate_limited',
  'timeout',
  'provider_outage',
  'missing_dependency',
  'unknown',
];
const REVIEW_CLASSES: ErrorClass[] = [
  'auth',
  'permission',
  'validation',
  'contract_mismatch',
  'mapping',
  'business_rule',
  'duplicate',
  'stale',
];
const DEFAULTS: RetryPolicy = { maxAttempts: 8, baseDelayMs: 1000, maxDelayMs: 300_000 };

const policy: RetryPolicy = { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 10_000 };
const almostOne = () => 1 - Number.EPSILON;
const zero = () => 0;

describe('CLASS_BEHAVIOUR', () => {
  it('gives every database ErrorClass a behaviour', () => {
    expect(Object.keys(CLASS_BEHAVIOUR).sort()).toEqual(Object.values(ErrorClass).sort());
    expect([...RETRY_CLASSES, ...REVIEW_CLASSES].sort()).toEqual(Object.values(ErrorClass).sort());
  });

  it.each(RETRY_CLASSES)('%s is retried', (errorClass) => {
    expect(CLASS_BEHAVIOUR[errorClass]).toBe('retry');
  });

  it.each(REVIEW_CLASSES)('%s goes to a person', (errorClass) => {
    expect(CLASS_BEHAVIOUR[errorClass]).toBe('review');
  });
});

describe('decideOnFailure: review classes', () => {
  const cases = REVIEW_CLASSES.flatMap((errorClass) =>
    [1, 3, 4, 99].map((attempt) => ({ errorClass, attempt })),
  );
  it.each(cases)('$errorClass at attempt $attempt -> needs_review', ({ errorClass, attempt }) => {
    expect(decideOnFailure(errorClass, attempt, policy, 5000, zero)).toEqual({
      kind: 'needs_review',
    });
  });
});

describe('decideOnFailure: retry classes', () => {
  it.each(RETRY_CLASSES)(
    '%s retries on attempts 1..maxAttempts-1 with the backoff delay',
    (errorClass) => {
      expect(decideOnFailure(errorClass, 1, policy, undefined, almostOne)).toEqual({
        kind: 'retry',
        delayMs: 99,
      });
      expect(decideOnFailure(errorClass, 2, policy, undefined, almostOne)).toEqual({
        kind: 'retry',
        delayMs: 199,
      });
      expect(decideOnFailure(errorClass, 3, policy, undefined, almostOne)).toEqual({
        kind: 'retry',
        delayMs: 399,
      });
    },
  );

  it.each(RETRY_CLASSES)(
    '%s fails with attempts_exhausted at and beyond maxAttempts',
    (errorClass) => {
      expect(decideOnFailure(errorClass, 4, policy, undefined, zero)).toEqual({
        kind: 'failed',
        reason: 'attempts_exhausted',
      });
      expect(decideOnFailure(errorClass, 5, policy, undefined, zero)).toEqual({
        kind: 'failed',
        reason: 'attempts_exhausted',
      });
    },
  );

  it('with maxAttempts 1 the first failure is final', () => {
    expect(decideOnFailure('timeout', 1, { ...policy, maxAttempts: 1 })).toEqual({
      kind: 'failed',
      reason: 'attempts_exhausted',
    });
  });

  it('honours Retry-After as a floor on the delay', () => {
    expect(decideOnFailure('rate_limited', 1, policy, 7000, zero)).toEqual({
      kind: 'retry',
      delayMs: 7000,
    });
    expect(decideOnFailure('rate_limited', 3, policy, 10, almostOne)).toEqual({
      kind: 'retry',
      delayMs: 399,
    });
  });

  it('does not let Retry-After extend the attempt budget', () => {
    expect(decideOnFailure('rate_limited', 4, policy, 7000, zero)).toEqual({
      kind: 'failed',
      reason: 'attempts_exhausted',
    });
  });

  it('caps the delay at maxDelayMs', () => {
    expect(
      decideOnFailure('provider_outage', 20, { ...policy, maxAttempts: 100 }, undefined, almostOne),
    ).toEqual({ kind: 'retry', delayMs: 9999 });
  });
});

describe('parseRetryPolicy', () => {
  it.each([undefined, null, {}])('%s -> defaults (8 attempts, 1s base, 5 min cap)', (value) => {
    expect(parseRetryPolicy(value)).toEqual(DEFAULTS);
  });

  it('keeps a valid policy', () => {
    expect(parseRetryPolicy({ maxAttempts: 3, baseDelayMs: 250, maxDelayMs: 20_000 })).toEqual({
      maxAttempts: 3,
      baseDelayMs: 250,
      maxDelayMs: 20_000,
    });
  });

  it('fills missing fields with defaults', () => {
    expect(parseRetryPolicy({ maxAttempts: 5 })).toEqual({ ...DEFAULTS, maxAttempts: 5 });
  });

  it.each([
    ['a string', 'retry please'],
    ['a number', 42],
    ['an array', [1, 2, 3]],
    ['a non-numeric field', { maxAttempts: 'eight' }],
    ['a fractional attempt count', { maxAttempts: 2.5 }],
    ['zero attempts', { maxAttempts: 0 }],
    ['too many attempts', { maxAttempts: 101 }],
    ['a base delay under 10ms', { baseDelayMs: 5 }],
    ['a negative cap', { maxDelayMs: -1 }],
    ['one bad field next to good ones', { maxAttempts: 3, baseDelayMs: 'soon' }],
  ])('falls back to the full defaults for %s', (_label, value) => {
    expect(parseRetryPolicy(value)).toEqual(DEFAULTS);
  });
});
