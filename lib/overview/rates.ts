// Rates and percent figures as an operator reads them: a rate is only shown when something has
// settled, and rounding never claims a perfect (or a zero) record that the counts contradict.

/**
 * Share of settled transactions that completed, in percent with one decimal; null when nothing
 * settled yet (in-progress and cancelled ones are not a verdict on the integration).
 */
export function successRate(completed: number, failed: number): number | null {
  const settled = completed + failed;
  if (settled === 0) return null;
  const rounded = Math.round((completed / settled) * 1000) / 10;
  // 19,999 of 20,000 rounds to 100.0: one failure must still show as less than perfect.
  if (failed > 0 && rounded >= 100) return 99.9;
  if (completed > 0 && rounded <= 0) return 0.1;
  return rounded;
}

/** Seconds from `since` to `now`, never negative (clocks of two machines may disagree). */
export function ageSeconds(since: Date | null, now: Date): number | null {
  return since ? Math.max(0, Math.floor((now.getTime() - since.getTime()) / 1000)) : null;
}

/** Milliseconds rounded to whole ones, null-preserving (percentiles of an empty set are null). */
export function wholeMs(value: number | null | undefined): number | null {
  return value === null || value === undefined || Number.isNaN(value) ? null : Math.round(value);
}
