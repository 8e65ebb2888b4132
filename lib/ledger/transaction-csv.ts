// CSV for auditors and spreadsheets (RFC 4180): fields with a quote, comma or line break are
// quoted with inner quotes doubled, and a value a spreadsheet would run as a formula (= + - @,
// or a leading tab/CR) gets a leading single quote so it is shown, not evaluated. Customer emails
// are left out on purpose: a file that leaves the console is outside our masking and retention,
// and reconciliation needs keys and references, not personal data.
import type { TransactionRow } from './transaction-list.presenter';

export const CSV_COLUMNS = [
  'id',
  'business_key',
  'flow',
  'target',
  'status',
  'error_class',
  'attempts',
  'external_ref',
  'created_at',
  'updated_at',
] as const;

const FORMULA = /^[=+\-@\t\r]/;
/** a plain signed decimal ("-12.50") is data, not a formula: an amount must stay summable */
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  const safe = FORMULA.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function csvLine(values: readonly (string | number | null | undefined)[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}

export const csvHeader = (): string => csvLine(CSV_COLUMNS);

export type CsvRow = Pick<
  TransactionRow,
  | 'id'
  | 'businessKey'
  | 'flow'
  | 'target'
  | 'status'
  | 'errorClass'
  | 'attempts'
  | 'externalRef'
  | 'createdAt'
  | 'updatedAt'
>;

export function csvRow(row: CsvRow): string {
  return csvLine([
    row.id,
    row.businessKey,
    row.flow,
    row.target,
    row.status,
    row.errorClass,
    row.attempts,
    row.externalRef,
    row.createdAt,
    row.updatedAt,
  ]);
}

/** `transactions-2025-03-03T09-15-00Z.csv`: sortable, and no colons for file systems that mind. */
export function csvFilename(at: Date): string {
  return `transactions-${at
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replaceAll(':', '-')}.csv`;
}
