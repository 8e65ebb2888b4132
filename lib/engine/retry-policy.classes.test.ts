import { describe, expect, it } from 'vitest';
import { ErrorClass } from '@/lib/db';
import { CLASS_BEHAVIOUR, decideOnFailure, parseRetryPolicy } from './retry-policy';

// Transient classes retry (docs/adr/0005-retries-live-in-the-ledger.md lists `unknown` among
// them); every other class goes to a person.
const EXPECTED: Record<ErrorClass, 'retry' | 'review'> = {
  rate_limited: 'retry',
  timeout: 'retry',
  provider_outage: 'retry',
  missing_dependency: 'retry',
  unknown: 'retry',
  auth: 'review',
  permission: 'review',
  validation: 'review',
  contract_mismatch: 'review',
  mapping: 'review',
  business_rule: 'review',
  duplicate: 'review',
  stale: 'review',
};

const ALL = Object.values(ErrorClass);
const policy = parseRetryPolicy({ maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 1_000 });
const zero = () => 0;

describe('CLASS_BEHAVIOUR covers the database enum', () => {
  it('the enum is not empty', () => {
    expect(ALL.length).toBeGreaterThan(0);
  });

  it('has exactly one entry per ErrorClass, no more', () => {
    expect(Object.keys(CLASS_BEHAVIOUR).sort()).toEqual([...ALL].sort());
  });

  it('the expectation table below covers exactly the enum too', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...ALL].sort());
  });
});

describe.each(ALL)('%s', (errorClass) => {
  const expected = EXPECTED[errorClass];

  it(`has a behaviour: ${expected}`, () => {
    expect(CLASS_BEHAVIOUR[errorClass]).toBe(expected);
  });

  it('decideOnFailure follows it on the first attempt', () => {
    const decision = decideOnFailure(errorClass, 1, policy, undefined, zero);
    expect(decision.kind).toBe(expected === 'retry' ? 'retry' : 'needs_review');
  });

  it('decideOnFailure follows it once the attempt budget is spent', () => {
    const decision = decideOnFailure(errorClass, policy.maxAttempts, policy, undefined, zero);
    expect(decision).toEqual(
      expected === 'retry'
        ? { kind: 'failed', reason: 'attempts_exhausted' }
        : { kind: 'needs_review' },
    );
  });
});
