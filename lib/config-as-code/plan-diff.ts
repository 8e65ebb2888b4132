// Field-by-field differences in the words of a plan line: "retryPolicy.maxAttempts 5 -> 8".
// Values are compared as canonical JSON (key order never counts as a change) and shown short.
import { canonicalJson } from '@/lib/audit/chain';

const MAX_VALUE = 60;

export const same = (a: unknown, b: unknown): boolean =>
  canonicalJson(a ?? null) === canonicalJson(b ?? null);

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

/** A value as a plan line shows it: JSON, cut at MAX_VALUE characters. */
export function show(value: unknown): string {
  if (value === undefined) return '(none)';
  // JSON.stringify answers undefined only for functions and symbols, which documents never hold
  const text = JSON.stringify(value) ?? 'null';
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE - 1)}…` : text;
}

/** A URL without its path and query, which often carry a credential (webhook URLs). */
export function showUrl(value: unknown): string {
  if (typeof value !== 'string') return show(value);
  try {
    const url = new URL(value);
    const hidden = url.pathname.length > 1 || url.search !== '';
    return show(`${url.origin}${hidden ? '/…' : ''}`);
  } catch {
    return show('(not a URL)');
  }
}

export interface FieldDiff {
  /** dotted path, e.g. retryPolicy.maxAttempts */
  path: string;
  before: unknown;
  after: unknown;
}

/** Leaf differences between two objects; nested objects are walked, arrays compared whole. */
export function diffFields(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  prefix = '',
): FieldDiff[] {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return keys.flatMap((key) => {
    const path = prefix ? `${prefix}.${key}` : key;
    const [b, a] = [before[key], after[key]];
    if (isPlainObject(b) && isPlainObject(a)) return diffFields(b, a, path);
    return same(b, a) ? [] : [{ path, before: b, after: a }];
  });
}

/** "a 1 -> 2, b.c \"x\" -> \"y\"", the paths in `urls` shown without their path and query. */
export function describeDiffs(diffs: FieldDiff[], urls: readonly string[] = []): string {
  return diffs
    .map((d) => {
      const fmt = urls.includes(d.path) ? showUrl : show;
      return `${d.path} ${fmt(d.before)} -> ${fmt(d.after)}`;
    })
    .join(', ');
}

/** The top-level fields that differ (what apply writes and audits). */
export function changedFields<T extends object>(before: T, after: T, ignore: (keyof T)[] = []) {
  return (Object.keys(after) as (keyof T)[]).filter(
    (field) => !ignore.includes(field) && !same(before[field], after[field]),
  );
}

/** Items of two lists matched by identity: only in the desired list, in both, only stored. */
export function pair<T>(current: T[], desired: T[], id: (item: T) => string) {
  const stored = new Map(current.map((item) => [id(item), item]));
  const wanted = new Map(desired.map((item) => [id(item), item]));
  return {
    added: desired.filter((item) => !stored.has(id(item))),
    kept: desired.flatMap((item) => {
      const before = stored.get(id(item));
      return before ? [{ before, after: item }] : [];
    }),
    removed: current.filter((item) => !wanted.has(id(item))),
  };
}
