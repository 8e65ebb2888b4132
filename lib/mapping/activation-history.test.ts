import { describe, expect, it } from 'vitest';
import { rollbackTarget, type ActivationRecord } from './activation-history';

const activated = (before: number | null, after: number): ActivationRecord => ({
  action: 'mapping.activated',
  before,
  after,
});
const rolledBack = (before: number, after: number): ActivationRecord => ({
  action: 'mapping.rolled_back',
  before,
  after,
});

describe('rollbackTarget', () => {
  it('returns the version active before the first recorded switch (the seeded one)', () => {
    expect(rollbackTarget([activated(1, 2)], 2, [1, 2])).toBe(1);
  });

  it('skips versions that were never active', () => {
    expect(rollbackTarget([activated(2, 5)], 5, [1, 2, 3, 4, 5])).toBe(2);
  });

  it('walks back one step per rollback', () => {
    const history = [activated(1, 2), activated(2, 3), rolledBack(3, 2)];
    expect(rollbackTarget(history, 2, [1, 2, 3])).toBe(1);
  });

  it('has nothing to return to once back at the first version', () => {
    const history = [activated(1, 2), rolledBack(2, 1)];
    expect(rollbackTarget(history, 1, [1, 2])).toBeNull();
  });

  it('has nothing to return to without history and without a lower version', () => {
    expect(rollbackTarget([], 1, [1])).toBeNull();
  });

  it('falls back to the highest lower version when the log does not end at the current one', () => {
    expect(rollbackTarget([activated(1, 2)], 3, [1, 2, 3])).toBe(2);
    expect(rollbackTarget([], 3, [1, 3])).toBe(1);
  });

  it('does not return a version that no longer exists', () => {
    expect(rollbackTarget([activated(7, 2)], 2, [1, 2])).toBeNull();
  });
});
