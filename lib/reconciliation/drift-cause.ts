// Why a record differs, named once at compare time so drift can be grouped by pattern (kind,
// field, cause) instead of listed row by row: 874 rows of one cause are one line with a count
// and an example. Pure; the words are finance's, the codes are what drift_items.cause stores.
export const DRIFT_CAUSES = [
  'event_missed',
  'record_missing',
  'reference_reissued',
  'status_differs',
  'amount_differs',
  'missing_at_provider',
  'missing_in_ledger_value',
  'letter_case',
  'whitespace',
  'lines_differ',
  'value_differs',
] as const;
export type DriftCause = (typeof DRIFT_CAUSES)[number];

export const CAUSE_LABEL: Record<DriftCause, string> = {
  event_missed: 'event never reached Waybill',
  record_missing: 'no record at the target',
  reference_reissued: 'reference reissued to another order',
  status_differs: 'status differs',
  amount_differs: 'amount differs',
  missing_at_provider: 'value missing at the provider',
  missing_in_ledger_value: 'value missing in the ledger',
  letter_case: 'letter case differs',
  whitespace: 'spaces differ',
  lines_differ: 'lines differ',
  value_differs: 'value differs',
};

/**
 * Causes that explain a whole record, not one field: its items are one pattern whatever the field
 * (a reissued reference makes the total, customer and lines differ at once, for one reason).
 */
export const RECORD_CAUSES: ReadonlySet<DriftCause> = new Set([
  'event_missed',
  'record_missing',
  'reference_reissued',
]);

export function isDriftCause(value: unknown): value is DriftCause {
  return typeof value === 'string' && (DRIFT_CAUSES as readonly string[]).includes(value);
}

/** Old items (before causes were stored) read as null: grouped by kind and field only. */
export function causeLabel(cause: string | null): string | null {
  return isDriftCause(cause) ? CAUSE_LABEL[cause] : null;
}

const MONEY = /^-?\d+(\.\d+)?$/;
const isMoney = (v: unknown) =>
  (typeof v === 'number' && Number.isFinite(v)) || (typeof v === 'string' && MONEY.test(v));

/** The likeliest reason one field's two values differ (the values are known to differ). */
export function fieldCause(ledgerValue: unknown, providerValue: unknown): DriftCause {
  if (providerValue === null || providerValue === undefined) return 'missing_at_provider';
  if (ledgerValue === null || ledgerValue === undefined) return 'missing_in_ledger_value';
  if (Array.isArray(ledgerValue) && Array.isArray(providerValue)) return 'lines_differ';
  if (isMoney(ledgerValue) && isMoney(providerValue)) return 'amount_differs';
  if (typeof ledgerValue === 'string' && typeof providerValue === 'string') {
    if (ledgerValue.toLowerCase() === providerValue.toLowerCase()) return 'letter_case';
    const squeeze = (s: string) => s.replace(/\s+/g, ' ').trim();
    if (squeeze(ledgerValue) === squeeze(providerValue)) return 'whitespace';
  }
  return 'value_differs';
}

/**
 * A target record whose business key is another order's: the reference the ledger holds now names
 * a different record (the provider reissued it, e.g. after its data was reset). An empty key says
 * nothing (a generic connection without a business-key expression).
 */
export function reissued(ledgerBusinessKey: string, providerBusinessKey: string): boolean {
  return providerBusinessKey !== '' && providerBusinessKey !== ledgerBusinessKey;
}
