// A replay pre-flight's counts in words, pure: what the preview says ("47 selected: 7 already at
// the ERP (will be linked, not sent again), 40 to send") and how far the check has come. "To send"
// is everything not found at the target: records looked up and absent, never sent, not
// checkable, failed to check and beyond the look-up cap are all replayed as usual (and the
// engine's own look-up before a repeat still guards the ones that were not checked).

export interface PreflightCounts {
  selected: number;
  found: number;
  absent: number;
  notCheckable: number;
  failedToCheck: number;
  notChecked: number;
}

export type PreflightStatus = 'running' | 'completed' | 'cancelled' | 'failed';

export interface PreflightSummary extends PreflightCounts {
  /** found at the target: linked, not sent again */
  alreadyAtTarget: number;
  /** replayed as usual: everything not found */
  toSend: number;
  /** transactions with an answer so far (including those beyond the cap) */
  handled: number;
  percent: number;
  headline: string;
  /** the parts of "to send" that were not confirmed absent, in words; empty when all were */
  caveats: string[];
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** `targets`: the display names of the target systems involved ("the ERP", "the ERP and the CRM"). */
export function summarisePreflight(
  counts: PreflightCounts,
  status: PreflightStatus,
  targets: string,
): PreflightSummary {
  const handled =
    counts.found + counts.absent + counts.notCheckable + counts.failedToCheck + counts.notChecked;
  // The selection may shrink while the check runs (someone resolved a transaction): never past 100.
  const percent =
    status === 'completed' || counts.selected === 0
      ? 100
      : Math.min(100, Math.floor((handled / counts.selected) * 100));
  const toSend = Math.max(0, counts.selected - counts.found);
  const already = `${counts.found} already at ${targets} (will be linked, not sent again)`;
  const sofar = status === 'completed' ? '' : ' so far';
  const headline = `${counts.selected} selected: ${already}${sofar}, ${toSend} to send`;
  const caveats = [
    counts.notCheckable > 0 &&
      `${plural(counts.notCheckable, 'transaction goes', 'transactions go')} to a system that cannot look records up`,
    counts.failedToCheck > 0 &&
      `${plural(counts.failedToCheck, 'look-up', 'look-ups')} failed (the replay looks again before sending)`,
    counts.notChecked > 0 &&
      `${plural(counts.notChecked, 'transaction was', 'transactions were')} not checked: beyond the look-up limit`,
    status === 'running' && `${Math.max(0, counts.selected - handled)} still to check`,
    status === 'cancelled' &&
      `the check was cancelled; ${Math.max(0, counts.selected - handled)} were not checked`,
  ].filter((c): c is string => typeof c === 'string');
  return { ...counts, alreadyAtTarget: counts.found, toSend, handled, percent, headline, caveats };
}

/** "the ERP", "the ERP and the CRM", "the ERP, the CRM and the warehouse". */
export function targetNames(names: readonly string[]): string {
  const unique = [...new Set(names)].map((n) => `the ${n}`);
  if (unique.length === 0) return 'the target';
  if (unique.length === 1) return unique[0] ?? '';
  return `${unique.slice(0, -1).join(', ')} and ${unique.at(-1) ?? ''}`;
}
