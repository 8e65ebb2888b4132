// A run's counts in a form that adds up, and the sentence that says how: records compared =
// matched + with drift, per system; drift items ≥ records with drift, because one record can
// differ in several fields. Pure: the run page, the API and the tests read the same numbers.
import type { RunTotals } from './totals';

export const KIND_WORDS: Record<string, [one: string, many: string]> = {
  missing_in_ledger: ['missing in the ledger', 'missing in the ledger'],
  missing_in_target: ['missing in the target', 'missing in the target'],
  status_mismatch: ['status mismatch', 'status mismatches'],
  field_mismatch: ['field mismatch', 'field mismatches'],
};

export interface RunCounts {
  /** records compared = matched + drifted */
  compared: number;
  matched: number;
  /** records with at least one drift item */
  drifted: number;
  /** drift items: the sum of byKind */
  items: number;
  byKind: Record<string, number>;
  /** per system: records compared, matched, with drift */
  bySystem: { system: string; compared: number; matched: number; drifted: number }[];
}

export function runCounts(totals: RunTotals, byKind: Record<string, number>): RunCounts {
  const bySystem = Object.entries(totals).map(([system, t]) => ({
    system,
    compared: t.matched + t.unmatched,
    matched: t.matched,
    drifted: t.unmatched,
  }));
  const sum = (pick: (s: (typeof bySystem)[number]) => number) =>
    bySystem.reduce((n, s) => n + pick(s), 0);
  return {
    compared: sum((s) => s.compared),
    matched: sum((s) => s.matched),
    drifted: sum((s) => s.drifted),
    items: Object.values(byKind).reduce((n, c) => n + c, 0),
    byKind,
    bySystem,
  };
}

const n = (value: number) => value.toLocaleString('en');
const plural = (count: number, one: string, many = `${one}s`) =>
  `${n(count)} ${count === 1 ? one : many}`;

/**
 * "566 records compared (Storefront 300, ERP 266): 274 matched + 292 with drift. 874 drift
 * items (12 missing in the target, 862 field mismatches): one record can differ in several
 * fields, so there are more items than records with drift."
 */
export function countsSentence(c: RunCounts, names: Record<string, string> = {}): string {
  const systems =
    c.bySystem.length > 1
      ? ` (${c.bySystem.map((s) => `${names[s.system] ?? s.system} ${n(s.compared)}`).join(', ')})`
      : '';
  const head = `${plural(c.compared, 'record')} compared${systems}: ${n(c.matched)} matched + ${n(c.drifted)} with drift.`;
  if (c.items === 0) return `${head} No drift items.`;
  const kinds = Object.entries(c.byKind)
    .filter(([, count]) => count > 0)
    .map(([kind, count]) => {
      const [one, many] = KIND_WORDS[kind] ?? [kind, kind];
      return `${n(count)} ${count === 1 ? one : many}`;
    })
    .join(', ');
  const items = `${plural(c.items, 'drift item')} (${kinds})`;
  if (c.items === c.drifted) return `${head} ${items}: one per record with drift.`;
  if (c.items > c.drifted)
    return `${head} ${items}: one record can differ in several fields, so there are more items than records with drift.`;
  // fewer items than drifted records: items were found by a run that was cancelled mid-chunk or
  // predates per-record counts; say so rather than let the numbers disagree silently
  return `${head} ${items}.`;
}
