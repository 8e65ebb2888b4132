import { describe, expect, it } from 'vitest';
import { ErrorClass } from '@/lib/db';
import {
  CLASS_BEHAVIOUR,
  RETRYING_CLASSES,
  decideOnFailure,
  delayWords,
  parseRetryPolicy,
  policyForClass,
  retryPolicySchema,
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
const DEFAULTS: RetryPolicy = {
  maxAttempts: 8,
  baseDelayMs: 1000,
  maxDelayMs: 300_000,
  classes: {},
};

const policy: RetryPolicy = { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 10_000, classes: {} };
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
      expect(decideOnFailure(errorClass, 1, policy, undefined, almostOne)).toMatchObject({
        kind: 'retry',
        delayMs: 99,
      });
      expect(decideOnFailure(errorClass, 2, policy, undefined, almostOne)).toMatchObject({
        kind: 'retry',
        delayMs: 199,
      });
      expect(decideOnFailure(errorClass, 3, policy, undefined, almostOne)).toMatchObject({
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
    expect(decideOnFailure('rate_limited', 1, policy, 7000, zero)).toMatchObject({
      kind: 'retry',
      delayMs: 7000,
    });
    expect(decideOnFailure('rate_limited', 3, policy, 10, almostOne)).toMatchObject({
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
    ).toMatchObject({ kind: 'retry', delayMs: 9999 });
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
      classes: {},
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

describe('per-class overrides', () => {
  const withClasses = parseRetryPolicy({
    maxAttempts: 4,
    baseDelayMs: 100,
    maxDelayMs: 10_000,
    classes: {
      provider_outage: { baseDelayMs: 5000, maxDelayMs: 60_000 },
      rate_limited: { maxAttempts: 2 },
    },
  });

  it('parses the overrides and keeps them', () => {
    expect(withClasses.classes).toEqual({
      provider_outage: { baseDelayMs: 5000, maxDelayMs: 60_000 },
      rate_limited: { maxAttempts: 2 },
    });
  });

  it("merges the class's fields over the flow's defaults", () => {
    expect(policyForClass(withClasses, 'provider_outage')).toEqual({
      maxAttempts: 4,
      baseDelayMs: 5000,
      maxDelayMs: 60_000,
    });
    expect(policyForClass(withClasses, 'rate_limited')).toEqual({
      maxAttempts: 2,
      baseDelayMs: 100,
      maxDelayMs: 10_000,
    });
    expect(policyForClass(withClasses, 'timeout')).toEqual({
      maxAttempts: 4,
      baseDelayMs: 100,
      maxDelayMs: 10_000,
    });
  });

  it("decideOnFailure backs off with the class's delays and states its budget", () => {
    expect(decideOnFailure('provider_outage', 2, withClasses, undefined, almostOne)).toEqual({
      kind: 'retry',
      delayMs: 9999,
      maxAttempts: 4,
    });
    // the other classes keep the defaults
    expect(decideOnFailure('timeout', 2, withClasses, undefined, almostOne)).toEqual({
      kind: 'retry',
      delayMs: 199,
      maxAttempts: 4,
    });
  });

  it("decideOnFailure stops at the class's own attempt budget", () => {
    expect(decideOnFailure('rate_limited', 2, withClasses, undefined, zero)).toEqual({
      kind: 'failed',
      reason: 'attempts_exhausted',
    });
    expect(decideOnFailure('timeout', 2, withClasses, undefined, zero).kind).toBe('retry');
  });

  it('a policy without classes (as older rows are stored) works as before', () => {
    const { classes: _classes, ...plain } = policy;
    expect(decideOnFailure('timeout', 1, plain, undefined, almostOne)).toMatchObject({
      kind: 'retry',
      delayMs: 99,
    });
  });

  it('only retrying classes may be overridden, with strict fields', () => {
    expect(RETRYING_CLASSES.every((c) => CLASS_BEHAVIOUR[c] === 'retry')).toBe(true);
    expect(
      Object.values(ErrorClass)
        .filter((c) => CLASS_BEHAVIOUR[c] === 'retry')
        .sort(),
    ).toEqual([...RETRYING_CLASSES].sort());
    for (const bad of [
      { classes: { validation: { maxAttempts: 3 } } },
      { classes: { timeouts: { maxAttempts: 3 } } },
      { classes: { timeout: { attempts: 3 } } },
      { classes: { timeout: { maxAttempts: 0 } } },
      { classes: { timeout: { baseDelayMs: 1 } } },
    ])
      expect(retryPolicySchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
  });
});

describe('delayWords', () => {
  it.each([
    [850, '850 ms'],
    [42_000, '42 s'],
    [185_000, '3 min 5 s'],
    [600_000, '10 min'],
    [7_800_000, '2 h 10 min'],
    [3_600_000, '1 h'],
  ])('%d ms -> %s', (ms, words) => {
    expect(delayWords(ms)).toBe(words);
  });
});
