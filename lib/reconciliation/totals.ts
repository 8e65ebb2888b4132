// A run's finance totals, stored as JSON on the run (reconciliation_runs.totals) and added to
// chunk by chunk: per system, the records compared (matched + with drift) and, per currency, the
// ledger's total against the provider's. Pure: the run writes them, the screen, the API and the
// CSV read them the same way. Runs written before the money split carry only the first five
// fields; every reader copes with both.
import { minorUnits } from '@/lib/providers/record-read';

/** One currency of one system. '' is the key for records that name no currency. */
export interface MoneyTotals {
  /** what the ledger believes: the amounts of the records it holds for this side */
  ledgerMinor: number;
  /** what the system says: the amounts of its records */
  providerMinor: number;
  ledgerRecords: number;
  providerRecords: number;
}

export interface SystemTotals {
  /** the system's records read (listed, or found by reference) */
  count: number;
  /** their amount in minor units (one currency assumed; `money` splits per currency) */
  amountMinor: number;
  currency: string | null;
  /** records compared and found equal */
  matched: number;
  /** records compared with at least one drift item: matched + unmatched = records compared */
  unmatched: number;
  /** which side of the flow the system is */
  side?: 'source' | 'target';
  /** drift items found on this side (a record can have several) */
  items?: number;
  money?: Record<string, MoneyTotals>;
}
export type RunTotals = Record<string, SystemTotals>;

export type ChunkTotals = Omit<SystemTotals, 'money' | 'items' | 'side'> &
  Required<Pick<SystemTotals, 'money' | 'items' | 'side'>>;

export function readTotals(value: unknown): RunTotals {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as RunTotals) : {};
}

const zeroMoney = (): MoneyTotals => ({
  ledgerMinor: 0,
  providerMinor: 0,
  ledgerRecords: 0,
  providerRecords: 0,
});

export function mergeMoney(
  a: Record<string, MoneyTotals> = {},
  b: Record<string, MoneyTotals> = {},
): Record<string, MoneyTotals> {
  const out: Record<string, MoneyTotals> = { ...a };
  for (const [currency, m] of Object.entries(b)) {
    const was = out[currency] ?? zeroMoney();
    out[currency] = {
      ledgerMinor: was.ledgerMinor + m.ledgerMinor,
      providerMinor: was.providerMinor + m.providerMinor,
      ledgerRecords: was.ledgerRecords + m.ledgerRecords,
      providerRecords: was.providerRecords + m.providerRecords,
    };
  }
  return out;
}

export function addTotals(totals: RunTotals, system: string, add: ChunkTotals): RunTotals {
  const was = totals[system];
  if (!was) return { ...totals, [system]: { ...add } };
  return {
    ...totals,
    [system]: {
      count: was.count + add.count,
      amountMinor: was.amountMinor + add.amountMinor,
      currency: was.currency ?? add.currency,
      matched: was.matched + add.matched,
      unmatched: was.unmatched + add.unmatched,
      side: add.side,
      items: (was.items ?? 0) + add.items,
      money: mergeMoney(was.money, add.money),
    },
  };
}

export interface Money {
  minor: number;
  currency: string | null;
}

/**
 * The money a canonical command (or record) carries: `total` (an order, a sales order) or
 * `amount` (a payment, a credit memo), in its `currency`. Null when it carries none (a
 * fulfilment, a contact).
 */
export function moneyOfFields(fields: Record<string, unknown>): Money | null {
  const minor = minorUnits(fields.total ?? fields.amount);
  if (minor === undefined) return null;
  const currency = typeof fields.currency === 'string' ? fields.currency.toUpperCase() : null;
  return { minor, currency };
}

/** One record compared: the ledger's money for it and the system's (null: that side has none). */
export interface RecordMoney {
  ledger: Money | null;
  provider: Money | null;
}

/** Per currency: each side's total and record count. A side's money goes to its own currency. */
export function moneyOf(records: readonly RecordMoney[]): Record<string, MoneyTotals> {
  const out: Record<string, MoneyTotals> = {};
  const at = (currency: string | null) => (out[currency ?? ''] ??= zeroMoney());
  for (const r of records) {
    if (r.ledger) {
      const m = at(r.ledger.currency);
      m.ledgerMinor += r.ledger.minor;
      m.ledgerRecords += 1;
    }
    if (r.provider) {
      const m = at(r.provider.currency);
      m.providerMinor += r.provider.minor;
      m.providerRecords += 1;
    }
  }
  return out;
}

/** One line of the finance table: a system in a currency, ledger against provider. */
export interface MoneyRow {
  system: string;
  side: 'source' | 'target' | null;
  /** the system's first row (its counts are shown once, not per currency) */
  first: boolean;
  currency: string | null;
  /** null: unknown (a run before ledger totals) or no money on this side (a contact) */
  ledgerMinor: number | null;
  providerMinor: number | null;
  /** ledger − provider; null when either side is unknown */
  differenceMinor: number | null;
  ledgerRecords: number | null;
  providerRecords: number;
  /** the system's records compared = matched + drifted */
  compared: number;
  matched: number;
  drifted: number;
  /** the system's records carry no money at all */
  noAmounts: boolean;
}

/**
 * The rows finance reads first, per system then currency. A run written before ledger totals
 * shows its provider amount with the ledger and the difference unknown, never as zero.
 */
export function moneyRows(totals: RunTotals): MoneyRow[] {
  const rows: MoneyRow[] = [];
  for (const [system, t] of Object.entries(totals)) {
    const counts = {
      system,
      side: t.side ?? null,
      compared: t.matched + t.unmatched,
      matched: t.matched,
      drifted: t.unmatched,
    };
    const currencies = t.money ? Object.keys(t.money).sort() : [];
    if (!t.money || currencies.length === 0) {
      const legacy = !t.money && (t.amountMinor !== 0 || t.currency !== null);
      rows.push({
        ...counts,
        first: true,
        currency: t.currency,
        ledgerMinor: null,
        providerMinor: legacy ? t.amountMinor : null,
        differenceMinor: null,
        ledgerRecords: null,
        providerRecords: t.count,
        noAmounts: !legacy,
      });
      continue;
    }
    currencies.forEach((currency, i) => {
      const m = t.money?.[currency] ?? zeroMoney();
      rows.push({
        ...counts,
        first: i === 0,
        currency: currency === '' ? null : currency,
        ledgerMinor: m.ledgerMinor,
        providerMinor: m.providerMinor,
        differenceMinor: m.ledgerMinor - m.providerMinor,
        ledgerRecords: m.ledgerRecords,
        providerRecords: m.providerRecords,
        noAmounts: false,
      });
    });
  }
  return rows;
}
