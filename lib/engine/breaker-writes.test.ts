import { describe, expect, it } from 'vitest';
import { needsSave, savedAfter, SUCCESS_STAMP_MS, type SavedBreaker } from './breaker-writes';
import type { Breaker, CallOutcome } from './circuit-breaker';

const breaker: Breaker = {
  state: 'closed',
  changedAtMs: 1_000,
  windowStartedAtMs: 2_000,
  calls: 10,
  failures: 0,
};
const ok: CallOutcome[] = [{ kind: 'success' }, { kind: 'success' }];
const failed: CallOutcome[] = [{ kind: 'success' }, { kind: 'failure', errorClass: 'timeout' }];
const at = 100_000;
const written = (b = breaker, calls = ok, now = at): SavedBreaker =>
  savedAfter(undefined, b, calls, now);

describe('which batches write the connection row', () => {
  it("writes a drain's first batch", () => {
    expect(needsSave(undefined, breaker, [], at)).toBe(true);
  });

  it('skips a success-only batch within a second of the last stamped success', () => {
    const saved = written();
    const next = { ...breaker, calls: 20 }; // the call count is not on the row
    expect(needsSave(saved, next, ok, at + SUCCESS_STAMP_MS - 1)).toBe(false);
    expect(needsSave(saved, next, ok, at + SUCCESS_STAMP_MS)).toBe(true);
    // a batch that made no call (all deferred) changes nothing
    expect(needsSave(saved, next, [], at + 60_000)).toBe(false);
  });

  it('writes every failure, and the first success after one', () => {
    const saved = written();
    expect(needsSave(saved, breaker, failed, at + 1)).toBe(true);
    const afterFailure = savedAfter(saved, breaker, failed, at + 1);
    expect(afterFailure.failedSince).toBe(true);
    expect(needsSave(afterFailure, breaker, ok, at + 2)).toBe(true);
    const recovered = savedAfter(afterFailure, breaker, ok, at + 2);
    expect(recovered).toMatchObject({ failedSince: false, successAtMs: at + 2 });
    expect(needsSave(recovered, breaker, ok, at + 3)).toBe(false);
  });

  it('writes when the circuit, its failure count or its window moved', () => {
    const saved = written();
    for (const moved of [
      { ...breaker, state: 'open' as const },
      { ...breaker, failures: 1 },
      { ...breaker, windowStartedAtMs: 3_000 },
      { ...breaker, changedAtMs: 4_000 },
    ])
      expect(needsSave(saved, moved, ok, at + 1)).toBe(true);
  });

  it('keeps the last stamped success across batches that made no call', () => {
    const saved = savedAfter(written(), breaker, [], at + 5);
    expect(saved).toMatchObject({ successAtMs: at, failedSince: false });
  });
});
