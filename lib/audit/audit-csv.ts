// The audit log as CSV for auditors. Fields are written by the ledger's CSV helpers (RFC 4180
// quoting, and a value a spreadsheet would run as a formula gets a leading quote), because an
// actor label, a reason or a snapshot is text someone typed. Snapshots are compact JSON.
import { csvLine } from '@/lib/base/csv';
import type { AuditEntryRow } from './audit-list.presenter';

export const AUDIT_CSV_COLUMNS = [
  'seq',
  'time',
  'actor',
  'actor_kind',
  'action',
  'object_type',
  'object_id',
  'reason',
  'request_id',
  'before',
  'after',
  'hash',
] as const;

export const auditCsvHeader = (): string => csvLine(AUDIT_CSV_COLUMNS);

const json = (value: unknown) =>
  value === null || value === undefined ? null : JSON.stringify(value);

export function auditCsvRow(row: AuditEntryRow): string {
  return csvLine([
    row.seq,
    row.at,
    row.actor.label,
    row.actor.kind,
    row.action,
    row.object.type,
    row.object.id,
    row.reason,
    row.requestId,
    json(row.before),
    json(row.after),
    row.hash,
  ]);
}

/** `audit-log-2026-11-23T09-15-00Z.csv`: sortable, and no colons for file systems that mind. */
export function auditCsvFilename(at: Date): string {
  return `audit-log-${at
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replaceAll(':', '-')}.csv`;
}
