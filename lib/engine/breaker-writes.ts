// Which batches need the connection row written (breaker-store.ts). A drain settles many batches a
// second; writing the row after each one changed nothing most of the time (the same circuit
// state, a last success a few milliseconds newer) and every write takes the row lock that each
// lane's claim shares (claim.ts). A batch writes the row when the circuit or its window moved,
// when a call failed, on the first success after a failure, and otherwise stamps the last
// success at most once a second: the console reads it to the second.
import type { Breaker, CallOutcome } from './circuit-breaker';

export const SUCCESS_STAMP_MS = 1000;

/** What a drain last wrote to its connection's row. */
export interface SavedBreaker {
  state: Breaker['state'];
  failures: number;
  windowStartedAtMs: number;
  changedAtMs: number;
  /** when it last stamped a success (0: never) */
  successAtMs: number;
  /** a failure was written after that success */
  failedSince: boolean;
}

export function needsSave(
  saved: SavedBreaker | undefined,
  breaker: Breaker,
  calls: readonly CallOutcome[],
  nowMs: number,
): boolean {
  if (!saved) return true;
  if (
    breaker.state !== saved.state ||
    breaker.failures !== saved.failures ||
    breaker.windowStartedAtMs !== saved.windowStartedAtMs ||
    breaker.changedAtMs !== saved.changedAtMs
  )
    return true;
  // a failed call carries the row's last error and failure time
  if (calls.some((c) => c.kind === 'failure')) return true;
  if (!calls.some((c) => c.kind === 'success')) return false;
  return saved.failedSince || nowMs - saved.successAtMs >= SUCCESS_STAMP_MS;
}

/** What the row holds after this batch's write. */
export function savedAfter(
  saved: SavedBreaker | undefined,
  breaker: Breaker,
  calls: readonly CallOutcome[],
  nowMs: number,
): SavedBreaker {
  const succeeded = calls.some((c) => c.kind === 'success');
  const failed = calls.some((c) => c.kind === 'failure');
  return {
    state: breaker.state,
    failures: breaker.failures,
    windowStartedAtMs: breaker.windowStartedAtMs,
    changedAtMs: breaker.changedAtMs,
    successAtMs: succeeded ? nowMs : (saved?.successAtMs ?? 0),
    failedSince: failed || (!succeeded && (saved?.failedSince ?? false)),
  };
}
