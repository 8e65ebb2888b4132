import { decimalOfMinor } from '@/lib/reconciliation/money';

/** A stored JSON value as a person reads it: strings bare, anything else as compact JSON. */
export const shownValue = (v: unknown) =>
  v === null || v === undefined ? '—' : typeof v === 'string' ? v : JSON.stringify(v);

const money = (minor: number | null, currency: string | null) =>
  minor === null ? '—' : `${decimalOfMinor(minor)}${currency ? ` ${currency}` : ''}`;

/** The record's money on both sides: the ledger's (from the command sent) and the provider's. */
export function BothAmounts({
  item,
  inline = false,
}: {
  item: {
    ledgerAmountMinor: number | null;
    ledgerCurrency: string | null;
    amountMinor: number | null;
    currency: string | null;
  };
  inline?: boolean;
}) {
  const ledger = money(item.ledgerAmountMinor, item.ledgerCurrency);
  const system = money(item.amountMinor, item.currency);
  const differs =
    item.ledgerAmountMinor !== null &&
    item.amountMinor !== null &&
    (item.ledgerAmountMinor !== item.amountMinor || item.ledgerCurrency !== item.currency);
  if (inline)
    return (
      <span className="tabular-nums">
        ledger {ledger} · provider {system}
      </span>
    );
  return (
    <span className="tabular-nums" data-amounts>
      <span className="block">
        <span className="text-xs text-slate-600">ledger </span>
        <span data-amount="ledger">{ledger}</span>
      </span>
      <span className={`block ${differs ? 'font-semibold text-red-800' : ''}`}>
        <span className="text-xs font-normal text-slate-600">provider </span>
        <span data-amount="provider">{system}</span>
      </span>
    </span>
  );
}
