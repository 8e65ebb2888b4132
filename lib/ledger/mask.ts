// Personal data masking: the one module every presenter masks through (docs/security.md,
// "Personal data masking"). Two kinds of masking, composed by createMasker():
//
// - structured: the values of fields that name a person or place, for roles without
//   personal_data.read (viewer); the connections' masking rules (masking-rules.ts) mark more paths
//   for every role;
// - text: every string a person reads (URLs and query strings, headers, timeline summaries, error
//   texts, attempt messages, export cells). Paths cannot find a value inside a URL or a sentence,
//   so the values those paths and fields hold are collected from the transaction's payloads
//   (transaction-mask.ts) and every occurrence of each one is replaced: raw, percent-encoded (both
//   hex cases, '+' or %20 for spaces, twice-encoded), JSON-escaped and HTML-escaped, in any letter
//   case. For roles without personal_data.read, anything shaped like an email is masked as well,
//   including the percent-encoded form (%40) a URL path carries.
export const MASK = '•••';

/** the built-in personal fields (also what erasure rewrites, lib/erasure) */
export const PERSONAL_FIELDS: ReadonlySet<string> = new Set([
  'email',
  'phone',
  'name',
  'first_name',
  'last_name',
  'full_name',
  'firstName',
  'lastName',
  'fullName',
  // the CRM's split names, raw and canonical
  'given_name',
  'family_name',
  'givenName',
  'familyName',
  'customer_name',
  'customerName',
  'phone_number',
  'phoneNumber',
  'address1',
  'address2',
  'zip',
  'postal_code',
  'postalCode',
  'address',
]);
// The @ may be literal, percent-encoded once or twice (a URL path segment) or a JSON \u escape.
const EMAIL =
  /([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*?(@|%40|%2540|\\u0040)([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})/gi;

export function maskEmail(text: string): string {
  return text.replace(EMAIL, '$1***$2$3');
}

export function maskPersonalData(value: unknown, key?: string): unknown {
  const personal = key !== undefined && PERSONAL_FIELDS.has(key);
  if (typeof value === 'string') return personal ? (value ? MASK : value) : maskEmail(value);
  if (typeof value === 'number' && personal) return MASK;
  // Elements of a personal field's array are as personal as the field.
  if (Array.isArray(value))
    return value.map((v) => maskPersonalData(v, personal ? key : undefined));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskPersonalData(v, k)]));
  }
  return value;
}

/** Every personal value inside `value` added to `into`: the scalars of the built-in personal
 *  fields (at any depth, arrays included) and every email found in any string. */
export function collectPersonalValues(value: unknown, into: Set<string>, key?: string): void {
  const personal = key !== undefined && PERSONAL_FIELDS.has(key);
  if (typeof value === 'string') {
    if (personal) into.add(value);
    for (const m of value.matchAll(EMAIL)) into.add(decodeLoosely(m[0]));
  } else if (typeof value === 'number' && personal) into.add(String(value));
  else if (Array.isArray(value)) for (const v of value) collectPersonalValues(v, into, key);
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) collectPersonalValues(v, into, k);
}

function decodeLoosely(text: string): string {
  let out = text.replace(/\\u0040/gi, '@');
  for (let i = 0; i < 2 && /%[0-9a-f]{2}/i.test(out); i += 1) {
    try {
      out = decodeURIComponent(out);
    } catch {
      break;
    }
  }
  return out;
}

/** Shorter values would mask ordinary words; a value must also hold a letter or a digit. */
const MIN_VALUE_LENGTH = 2;
/** A payload with thousands of personal scalars (line item names) is masked by its longest ones. */
const MAX_VALUES = 2000;

/** The spellings of one value that a string a person reads may carry. */
export function valueSpellings(value: string): string[] {
  const spellings = new Set<string>([value]);
  const uri = encodeURIComponent(value);
  spellings.add(uri);
  spellings.add(uri.replace(/%20/g, '+'));
  spellings.add(encodeURIComponent(uri));
  spellings.add(encodeURI(value));
  // RFC 3986 reserved characters that encodeURIComponent leaves alone, encoded by other clients
  spellings.add(uri.replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`));
  const json = JSON.stringify(value).slice(1, -1);
  spellings.add(json);
  spellings.add(
    json.replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`),
  );
  spellings.add(json.replace(/\//g, '\\/'));
  spellings.add(
    value
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&#39;'),
  );
  spellings.add(value.replace(/'/g, '&#x27;').replace(/&(?!#x27;)/g, '&amp;'));
  return [...spellings];
}

const WORD_CHAR = /[\p{L}\p{N}]/u;
const isWord = (c: string | undefined) => c !== undefined && WORD_CHAR.test(c);

/** A value is not masked inside a longer word or number ("10115" in "990010115"), but it is right
 *  after a percent escape or a JSON escape ("Lars%20Jansen", "Lars\nJansen"). */
function atBoundary(text: string, start: number, end: number): boolean {
  const before =
    !isWord(text[start]) ||
    !isWord(text[start - 1]) ||
    /%[0-9a-f]{2}$/i.test(text.slice(Math.max(0, start - 3), start)) ||
    /\\[nrtbf]$/.test(text.slice(Math.max(0, start - 2), start)) ||
    /\\u[0-9a-f]{4}$/i.test(text.slice(Math.max(0, start - 6), start));
  return before && (!isWord(text[end - 1]) || !isWord(text[end]));
}

/** A function replacing every spelling of every value with the mask (or `replacement`: erasure
 *  writes a marker, lib/erasure); null for no values. */
export function valueReplacer(
  values: Iterable<string>,
  replacement: string = MASK,
): ((text: string) => string) | null {
  const usable = [...new Set(values)]
    .filter((v) => v.trim().length >= MIN_VALUE_LENGTH && WORD_CHAR.test(v) && v !== MASK)
    .sort((a, b) => b.length - a.length)
    .slice(0, MAX_VALUES);
  if (usable.length === 0) return null;
  // Longest first: at one position the alternation takes the first spelling that matches, so a
  // full name wins over the first name inside it. One alternation of literals without lookbehinds
  // or the u flag, which V8 matches quickly; boundaries are checked on each match instead.
  const spellings = [...new Set(usable.flatMap(valueSpellings))].sort(
    (a, b) => b.length - a.length,
  );
  const lower = spellings.map((s) => s.toLowerCase());
  const pattern = new RegExp(spellings.map(escapeRegExp).join('|'), 'gi');
  /** the longest spelling at `start` (shorter than `max`) that ends on a boundary; 0 for none */
  const shorterAt = (text: string, start: number, max: number): number => {
    for (const s of lower) {
      if (s.length >= max) continue;
      const end = start + s.length;
      if (text.slice(start, end).toLowerCase() === s && atBoundary(text, start, end))
        return s.length;
    }
    return 0;
  };
  return (text) => {
    if (!text) return text;
    pattern.lastIndex = 0;
    let out = '';
    let copied = 0;
    for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
      const start = m.index;
      let length = m[0].length;
      if (!atBoundary(text, start, start + length)) length = shorterAt(text, start, length);
      if (length === 0) {
        pattern.lastIndex = start + 1;
        continue;
      }
      out += text.slice(copied, start) + replacement;
      copied = start + length;
      pattern.lastIndex = copied;
    }
    return copied === 0 ? text : out + text.slice(copied);
  };
}

function escapeRegExp(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
}

export interface Masker {
  /** a copy of a structured value with personal fields masked and every string masked as text */
  value<T>(value: T): T;
  /** one string a person reads, masked */
  text(text: string): string;
}

export const NO_MASK: Masker = { value: (v) => v, text: (t) => t };

/**
 * The masker of one view: `personal` for roles without personal_data.read (personal fields and
 * email shapes), `values` the sensitive values of what the view shows (transaction-mask.ts), which
 * are masked wherever they occur, for every role.
 */
export function createMasker(options: { personal: boolean; values?: Iterable<string> }): Masker {
  const replace = valueReplacer(options.values ?? []);
  if (!options.personal && !replace) return NO_MASK;
  const text = (t: string): string => {
    const emailsMasked = options.personal ? maskEmail(t) : t;
    return replace ? replace(emailsMasked) : emailsMasked;
  };
  return {
    text,
    value: <T>(v: T) => maskStrings(options.personal ? maskPersonalData(v) : v, text) as T,
  };
}

/** Every string inside `value`, keys included, through `text`. */
function maskStrings(value: unknown, text: (t: string) => string): unknown {
  if (typeof value === 'string') return text(value);
  if (Array.isArray(value)) return value.map((v) => maskStrings(v, text));
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [text(k), maskStrings(v, text)]),
    );
  return value;
}
