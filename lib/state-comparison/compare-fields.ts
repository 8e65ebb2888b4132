// The field-by-field comparison of the ledger's canonical command with each provider's live record.
// Pure. Nested fields become dotted paths (customer.email), array elements their index
// (lines.0.sku); an empty object or array is one leaf. The rows are the ledger's paths plus the
// target's own (a field the target added, like trackingNumber); a source record's other fields are
// not part of this flow's command and make no rows.
//
// Equality: numbers and decimal strings compare as decimals, so "12.30" equals 12.3 and "24.6"
// equals "24.60": mappings produce either form and the ERP writes money with two places, and
// neither is drift. Anything else compares as JSON, exactly (case and spaces count).

export type Flat = Map<string, unknown>;

export function flatten(value: unknown, prefix = '', out: Flat = new Map()): Flat {
  if (Array.isArray(value) && value.length > 0)
    value.forEach((v, i) => flatten(v, prefix ? `${prefix}.${i}` : String(i), out));
  else if (isObject(value) && Object.keys(value).length > 0)
    for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  else if (prefix) out.set(prefix, value);
  return out;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

const DECIMAL = /^-?\d+(\.\d+)?$/;

/** A decimal's canonical text (no leading zeros, no trailing fractional zeros); null if not one. */
function decimal(value: unknown): string | null {
  const text =
    typeof value === 'number' && Number.isFinite(value)
      ? String(value)
      : typeof value === 'string'
        ? value.trim()
        : null;
  if (text === null || !DECIMAL.test(text)) return null;
  const negative = text.startsWith('-');
  const [whole = '0', fraction = ''] = text.replace('-', '').split('.');
  const w = whole.replace(/^0+(?=\d)/, '');
  const f = fraction.replace(/0+$/, '');
  const body = f ? `${w}.${f}` : w;
  return negative && body !== '0' ? `-${body}` : body;
}

export function sameValue(a: unknown, b: unknown): boolean {
  const da = decimal(a);
  const db = decimal(b);
  if (da !== null && db !== null) return da === db;
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The system that owns a path by the mapping's field ownership: the exact path, a parent
 * (`lines` owns `lines.0.sku`) or a wildcard (`shipTo.*` owns `shipTo.city`); the most specific
 * entry wins.
 */
export function ownerOf(path: string, ownership: Readonly<Record<string, string>>): string | null {
  let best: { length: number; system: string } | null = null;
  for (const [pattern, system] of Object.entries(ownership)) {
    const base = pattern.endsWith('.*') ? pattern.slice(0, -2) : pattern;
    const wildcard = base !== pattern;
    const hit = wildcard
      ? path.startsWith(`${base}.`)
      : path === base || path.startsWith(`${base}.`);
    // an exact entry beats a wildcard on the same base
    const length = base.length * 2 + (wildcard ? 0 : 1);
    if (hit && (!best || length > best.length)) best = { length, system };
  }
  return best?.system ?? null;
}

/** What one provider said about one field. */
export type Cell =
  | { state: 'same' | 'different'; value: unknown }
  /** the record was read and has no such field */
  | { state: 'absent' }
  /** no record was read (none there, an error, nothing to read) */
  | { state: 'not_read' };

export interface Row {
  field: string;
  /** undefined: the ledger's command has no such field */
  ledger: unknown;
  inLedger: boolean;
  cells: Cell[];
  owner: string | null;
  /** different: some provider disagrees with the ledger; not_compared: nothing to hold it against */
  difference: 'same' | 'different' | 'not_compared';
}

/** Records in column order (fields null: nothing read); `addsRows` marks the target's column,
 *  whose extra fields become rows and whose missing fields count as differences. */
export function compareFields(
  ledger: unknown,
  records: readonly { fields: Record<string, unknown> | null; addsRows: boolean }[],
  ownership: Readonly<Record<string, string>>,
): Row[] {
  const ledgerFlat = flatten(ledger);
  const flats = records.map((r) => (r.fields ? flatten(r.fields) : null));
  const paths = [...ledgerFlat.keys()];
  records.forEach((r, i) => {
    const flat = flats[i];
    if (r.addsRows && flat) for (const p of flat.keys()) if (!ledgerFlat.has(p)) paths.push(p);
  });
  return [...new Set(paths)].map((field) => {
    const inLedger = ledgerFlat.has(field);
    const ledgerValue = ledgerFlat.get(field);
    const cells = flats.map((flat): Cell => {
      if (!flat) return { state: 'not_read' };
      if (!flat.has(field)) return { state: 'absent' };
      const value = flat.get(field);
      if (!inLedger) return { state: 'different', value };
      return { state: sameValue(ledgerValue, value) ? 'same' : 'different', value };
    });
    const compared = inLedger && cells.some((c) => c.state === 'same' || c.state === 'different');
    // A field the target lacks is drift; one the source lacks is usually derived by the mapping
    // (a reference built from the order id), so it is shown but not called a difference.
    const differs =
      inLedger &&
      cells.some(
        (c, i) => c.state === 'different' || (c.state === 'absent' && records[i]?.addsRows),
      );
    return {
      field,
      ledger: ledgerValue,
      inLedger,
      cells,
      owner: ownerOf(field, ownership),
      difference: !compared ? 'not_compared' : differs ? 'different' : 'same',
    };
  });
}
