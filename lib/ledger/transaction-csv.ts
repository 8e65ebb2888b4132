// The transactions list as CSV (quoting and formula safety in lib/base/csv.ts). Customer emails
// are left out on purpose: a file that leaves the console is outside our masking and retention,
// and reconciliation needs keys and references, not personal data.
import { csvLine } from '@/lib/base/csv';
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
