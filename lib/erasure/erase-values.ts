// The pure part of erasing one customer (docs/adr/0025-erasing-one-customer.md): what becomes the
// marker in a stored payload and in a text. Two passes, because texts quote what payloads hold:
//
// 1. structure: the values at the masking rules' paths and at the built-in personal fields
//    (lib/ledger/mask.ts, the viewer's list) become the marker; the values found are collected;
// 2. text: every string (keys included) and every text column loses every spelling of those values
//    and of the email (percent-encoded, JSON- and HTML-escaped, any case: valueSpellings), so a URL
//    path ".../contacts/lars.jansen%2B993727%40example.com" or a provider's error text is cleared too.
//
// Statuses, references, amounts, SKUs, counts and keys of objects stay: the ledger still says what
// happened, only not to whom.
import { JSONPath } from 'jsonpath-plus';
import { PERSONAL_FIELDS, valueReplacer, valueSpellings } from '@/lib/ledger/mask';

/** "[erased 2026-12-06]": the UTC day of the erasure, so a reader knows why a value is gone. */
export function erasureMarker(now: Date): string {
  return `[erased ${now.toISOString().slice(0, 10)}]`;
}

const MARKER = /^\[erased \d{4}-\d{2}-\d{2}\]$/;
export const isErasureMarker = (value: string) => MARKER.test(value);

/** The address as the ledger keys it (transactions.customer_email is stored lower-cased). */
export const normalizeEmail = (email: string) => email.trim().toLowerCase();

/**
 * ILIKE patterns finding the address in any stored spelling (the text pass's spellings, LIKE's own
 * wildcards escaped). PostgreSQL's jsonb::text prints strings unescaped, so one list serves text
 * and JSON columns alike.
 */
export function emailPatterns(email: string): string[] {
  const escape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
  const spellings = emailForms(email).flatMap(valueSpellings);
  return [...new Set(spellings.map((s) => `%${escape(s.toLowerCase())}%`))];
}

/** The address, and the address with its @ as a JSON escape (a raw body that did not parse). */
const emailForms = (email: string) => [email, email.replace(/@/g, '\\u0040')];

/** Every scalar inside `value` as text, added to `into` (the values a text may quote). */
function addScalars(value: unknown, into: Set<string>): void {
  if (typeof value === 'string') {
    if (!isErasureMarker(value)) into.add(value);
  } else if (typeof value === 'number' || typeof value === 'bigint') into.add(String(value));
  else if (Array.isArray(value)) for (const v of value) addScalars(v, into);
  else if (value && typeof value === 'object')
    for (const v of Object.values(value)) addScalars(v, into);
}

/** Every scalar inside `value` replaced by the marker; keys, array lengths, null and "" kept. */
function eraseLeaves(value: unknown, marker: string): unknown {
  if (value === null || value === undefined || value === '') return value;
  if (Array.isArray(value)) return value.map((v) => eraseLeaves(v, marker));
  if (typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, eraseLeaves(v, marker)]));
  return marker;
}

interface Match {
  parent: unknown;
  parentProperty: string | number | null;
}

/**
 * Pass 1 on one JSON value: a copy with the values at `paths` (masking rules, checked already)
 * and at the built-in personal fields (at any depth: everything under such a key) replaced by the
 * marker. The values replaced are added to `found`, for pass 2. Script evaluation stays off, as
 * when the same paths mask (lib/ledger/masking-rules.ts).
 */
export function eraseStructure(
  value: unknown,
  paths: readonly string[],
  marker: string,
  found: Set<string>,
): unknown {
  if (value === null || typeof value !== 'object') return value;
  let copy: unknown = structuredClone(value);
  for (const path of paths) {
    let matches: Match[];
    try {
      matches = JSONPath<Match[]>({ path, json: copy as object, resultType: 'all', eval: false });
    } catch {
      continue; // an invalid stored rule matches nothing here, as it masks nothing when shown
    }
    for (const m of matches) {
      if (m.parent === null || m.parentProperty === null) {
        addScalars(copy, found);
        copy = eraseLeaves(copy, marker);
      } else {
        const parent = m.parent as Record<string | number, unknown>;
        addScalars(parent[m.parentProperty], found);
        parent[m.parentProperty] = eraseLeaves(parent[m.parentProperty], marker);
      }
    }
  }
  return erasePersonalFields(copy, marker, found);
}

function erasePersonalFields(value: unknown, marker: string, found: Set<string>): unknown {
  if (Array.isArray(value)) return value.map((v) => erasePersonalFields(v, marker, found));
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => {
      if (!PERSONAL_FIELDS.has(k)) return [k, erasePersonalFields(v, marker, found)];
      addScalars(v, found);
      return [k, eraseLeaves(v, marker)];
    }),
  );
}

export type TextEraser = (text: string) => string;

/**
 * Pass 2: a function replacing every spelling of the email and of `values` by the marker, at word
 * boundaries and in any case (lib/ledger/mask.ts valueReplacer: the masker's own matching, so what
 * a mask would hide is what erasure removes). Markers found by pass 1 are not values.
 */
export function textEraser(email: string, values: Iterable<string>, marker: string): TextEraser {
  const usable = [...emailForms(email), ...values].filter((v) => !isErasureMarker(v));
  return valueReplacer(usable, marker) ?? ((text) => text);
}

/** Every string inside `value`, keys included, through `erase`. */
export function eraseStrings(value: unknown, erase: TextEraser): unknown {
  if (typeof value === 'string') return erase(value);
  if (Array.isArray(value)) return value.map((v) => eraseStrings(v, erase));
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [erase(k), eraseStrings(v, erase)]),
    );
  return value;
}

/** A stored body (text): JSON is rewritten as JSON, anything else as text. Unchanged: same text. */
export function eraseBody(
  body: string,
  paths: readonly string[],
  marker: string,
  found: Set<string>,
): { structured: unknown; isJson: boolean } {
  try {
    return { structured: eraseStructure(JSON.parse(body), paths, marker, found), isJson: true };
  } catch {
    return { structured: body, isJson: false };
  }
}

/** Pass 2 of a body from eraseBody: the text to store, or null when it stays as it was. */
export function finishBody(
  original: string,
  pass1: { structured: unknown; isJson: boolean },
  erase: TextEraser,
): string | null {
  if (!pass1.isJson) {
    const text = erase(original);
    return text === original ? null : text;
  }
  const before = JSON.parse(original) as unknown;
  const after = eraseStrings(pass1.structured, erase);
  // compared as values: an unchanged body keeps its bytes exactly as received
  return JSON.stringify(after) === JSON.stringify(before) ? null : JSON.stringify(after);
}

/** Did pass 1 + 2 change a JSON value (compared as JSON text)? */
export const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
