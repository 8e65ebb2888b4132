import { describe, expect, it } from 'vitest';
import { afterFailure, afterSuccess, isLocked, type LockState } from './lockout';

const now = new Date('2026-11-23T10:00:00Z');
const policy = { maxFailures: 5, lockMs: 15 * 60_000 };
const fresh: LockState = { failedSignIns: 0, lockedUntil: null };

function fail(times: number, from: LockState = fresh) {
  let state: LockState & { lockedNow?: boolean } = from;
  for (let i = 0; i < times; i++) state = afterFailure(state, now, policy);
  return state;
}

describe('per-account lockout', () => {
  it('counts the first four failures without locking', () => {
    expect(fail(4)).toEqual({ failedSignIns: 4, lockedUntil: null, lockedNow: false });
  });

  it('locks for 15 minutes on the fifth consecutive failure and restarts the count', () => {
    const state = fail(5);
    expect(state).toEqual({
      failedSignIns: 0,
      lockedUntil: new Date('2026-11-23T10:15:00Z'),
      lockedNow: true,
    });
    expect(isLocked(state, now)).toBe(true);
    expect(isLocked(state, new Date('2026-11-23T10:14:59.999Z'))).toBe(true);
    expect(isLocked(state, new Date('2026-11-23T10:15:00Z'))).toBe(false);
  });

  it('a success ends the run: four more failures after it do not lock', () => {
    const afterFour = fail(4);
    expect(fail(4, { ...afterFour, ...afterSuccess() }).lockedNow).toBe(false);
  });

  it('clears an expired lock on the next failure instead of keeping it', () => {
    const expired = { failedSignIns: 0, lockedUntil: new Date('2026-11-23T09:00:00Z') };
    expect(afterFailure(expired, now, policy)).toEqual({
      failedSignIns: 1,
      lockedUntil: null,
      lockedNow: false,
    });
  });

  it('honours another policy', () => {
    const state = afterFailure({ failedSignIns: 2, lockedUntil: null }, now, {
      maxFailures: 3,
      lockMs: 1000,
    });
    expect(state.lockedUntil).toEqual(new Date(now.getTime() + 1000));
  });
});
