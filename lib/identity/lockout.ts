// Per-account lockout arithmetic, kept pure so the rule is tested on its own: a run of failed
// sign-ins locks the account for a while; a success ends the run. The counter restarts when the
// lock is set, so after the lock expires the person gets the full number of tries again.

export interface LockoutPolicy {
  /** consecutive failures that lock the account */
  maxFailures: number;
  lockMs: number;
}

export const DEFAULT_LOCKOUT: LockoutPolicy = { maxFailures: 5, lockMs: 15 * 60_000 };

export interface LockState {
  failedSignIns: number;
  lockedUntil: Date | null;
}

export function isLocked(state: Pick<LockState, 'lockedUntil'>, now: Date): boolean {
  return state.lockedUntil !== null && state.lockedUntil.getTime() > now.getTime();
}

/** The account's state after one more wrong password, and whether this failure locked it. */
export function afterFailure(
  state: LockState,
  now: Date,
  policy: LockoutPolicy = DEFAULT_LOCKOUT,
): LockState & { lockedNow: boolean } {
  const failures = state.failedSignIns + 1;
  if (failures >= policy.maxFailures)
    return {
      failedSignIns: 0,
      lockedUntil: new Date(now.getTime() + policy.lockMs),
      lockedNow: true,
    };
  // An expired lock is cleared by the next attempt rather than left lying around.
  return {
    failedSignIns: failures,
    lockedUntil: isLocked(state, now) ? state.lockedUntil : null,
    lockedNow: false,
  };
}

/** After a correct password on an unlocked account: the run of failures is over. */
export const afterSuccess = (): LockState => ({ failedSignIns: 0, lockedUntil: null });
