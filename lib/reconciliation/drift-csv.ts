// A run's drift items as CSV for auditors: one row per item, with the run, flow and window on
// every row so a filtered spreadsheet still says where a row came from, and the transaction id
// and provider reference that tie each row back to the ledger and to the provider. Values are
// written by the ledger's CSV helpers (RFC 4180 quoting, formula-looking text neutralised),
// because notes and provider values are text someone else typed.
import { csvLine } from '@/lib/base/csv';
import { decimalOfMinor } from './money';
import type { MoneyRow } from './totals';

export const DRIFT_CSV_COLUMNS = [
  'run_id',
  'flow',
  'window_from',
  'window_to',
  'item_id',
  'kind',
  'state',
  'business_key',
  'provider_ref',
  'transaction_id',
  'field',
  'owner',
  'ledger_value',
  'provider_value',
  'amount',
  'currency',
  'found_at',
  'decided_by',
  'decided_at',
  'note',
  // added after the first release: appended, so a script reading columns by position still works
  'ledger_amount',
  'ledger_currency',
  'cause',
] as const;

/**
 * The run's totals, after the items: a blank line, then this header and one line per system and
 * currency. Totals are the run's whatever filter the export had (they are the figures to tie out).
 */
export const TOTALS_CSV_COLUMNS = [
  'totals',
  'system',
  'side',
  'currency',
  'ledger_total',
  'provider_total',
  'difference',
  'ledger_records',
  'provider_records',
  'records_compared',
  'matched',
  'with_drift',
] as const;

export interface DriftCsvRun {
  id: string;
  flowKey: string;
  windowFrom: Date;
  windowTo: Date;
}

export interface DriftCsvItem {
  id: string;
  kind: string;
  state: string;
  businessKey: string;
  providerRef: string | null;
  transactionId: string | null;
  field: string | null;
  owner: string | null;
  ledgerValue: unknown;
  providerValue: unknown;
  amountMinor: bigint | number | null;
  currency: string | null;
  createdAt: Date;
  decidedBy: string | null;
  decidedAt: Date | null;
  note: string | null;
  ledgerAmountMinor: bigint | number | null;
  ledgerCurrency: string | null;
  cause: string | null;
}

export const driftCsvHeader = (): string => csvLine(DRIFT_CSV_COLUMNS);

/** A JSON value as the text a spreadsheet shows: strings bare, anything else as compact JSON. */
function valueText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

export function driftCsvRow(run: DriftCsvRun, item: DriftCsvItem): string {
  return csvLine([
    run.id,
    run.flowKey,
    run.windowFrom.toISOString(),
    run.windowTo.toISOString(),
    item.id,
    item.kind,
    item.state,
    item.businessKey,
    item.providerRef,
    item.transactionId,
    item.field,
    item.owner,
    valueText(item.ledgerValue),
    valueText(item.providerValue),
    decimalOfMinor(item.amountMinor),
    item.currency,
    item.createdAt.toISOString(),
    item.decidedBy,
    item.decidedAt?.toISOString() ?? null,
    item.note,
    decimalOfMinor(item.ledgerAmountMinor),
    item.ledgerCurrency,
    item.cause,
  ]);
}

/** The totals section: blank line, header, one line per system and currency ('—' never: empty). */
export function driftCsvTotals(rows: readonly MoneyRow[], names: Record<string, string>): string {
  return (
    '\r\n' +
    csvLine(TOTALS_CSV_COLUMNS) +
    rows
      .map((r) =>
        csvLine([
          'run',
          names[r.system] ?? r.system,
          r.side,
          r.currency,
          decimalOfMinor(r.ledgerMinor),
          decimalOfMinor(r.providerMinor),
          decimalOfMinor(r.differenceMinor),
          r.ledgerRecords,
          r.noAmounts ? null : r.providerRecords,
          r.first ? r.compared : null,
          r.first ? r.matched : null,
          r.first ? r.drifted : null,
        ]),
      )
      .join('')
  );
}

/** `reconciliation-<flow>-<window start>-<run id prefix>.csv`: sortable and unique per run. */
export function driftCsvFilename(run: DriftCsvRun): string {
  const day = run.windowFrom.toISOString().slice(0, 16).replace(':', '-');
  return `reconciliation-${run.flowKey}-${day}Z-${run.id.slice(0, 8)}.csv`;
}
