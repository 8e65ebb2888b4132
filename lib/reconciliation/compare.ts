// The comparison itself: ledger records of one flow against the provider records listed or looked
// up for them. Pure and Map-based (one pass over each side) so a window of 100,000 orders compares
// in milliseconds; listing, loading and writing live in run-chunk.ts.
import type { DriftKind } from '@/lib/db';
import type { ProviderRecord } from '@/lib/providers/port';
import { fieldCause, reissued, type DriftCause } from './drift-cause';
import { moneyOfFields } from './totals';

/** What the ledger believes about one transaction of the flow. */
export interface LedgerRecord {
  transactionId: string;
  businessKey: string;
  /** the source's id of the record the transaction came from */
  sourceObjectId: string;
  /** the ledger's status of the transaction (completed, failed, …) */
  status: string;
  /** the target's reference when the transaction completed with one */
  targetRef: string | null;
  /** the canonical command last sent to the target (top-level fields are compared) */
  fields: Record<string, unknown>;
  /**
   * a later completed transaction of the flow wrote the same target record (a later state of the
   * same source object, or an upsert): the record now shows that one, so only this record's
   * existence is compared, not its status or fields
   */
  superseded?: boolean;
}

export interface CompareRules {
  /** provider status -> ledger status (the active mapping version's status table) */
  statusTable: Record<string, string>;
  /** canonical field -> owning system; 'shipTo.*' covers every field under shipTo */
  fieldOwnership: Record<string, string>;
}

export interface DriftFinding {
  kind: DriftKind;
  businessKey: string;
  providerRef: string | null;
  transactionId: string | null;
  field: string | null;
  ledgerValue: unknown;
  providerValue: unknown;
  owner: string | null;
  /** the provider's money of the record (minor units) */
  amountMinor: number | null;
  currency: string | null;
  /** the ledger's money of the record, from the command it sent: both shown side by side */
  ledgerAmountMinor: number | null;
  ledgerCurrency: string | null;
  /** why it differs: drift is grouped by kind, field and cause */
  cause: DriftCause;
  /** for missing_in_ledger: the provider record, which a backfill ingests */
  providerRecord: ProviderRecord | null;
}

export interface Comparison {
  matched: number;
  items: DriftFinding[];
}

export interface CompareInput {
  ledger: readonly LedgerRecord[];
  /**
   * Source records of the window: each needs a transaction of the flow (by source object id).
   * Omitted: the source side is not compared.
   */
  source?: readonly ProviderRecord[];
  /**
   * Target records for the ledger's references. Every completed ledger record with a target
   * reference is expected among them: pass exactly the records listed or looked up for these
   * ledger records. Omitted: the target side is not compared.
   */
  target?: readonly ProviderRecord[];
  rules: CompareRules;
}

export function ownerOf(field: string, ownership: Record<string, string>): string | null {
  const exact = ownership[field];
  if (exact !== undefined) return exact;
  for (const [pattern, owner] of Object.entries(ownership)) {
    // 'shipTo.*' owns every field under shipTo, and shipTo compared as a whole
    if (!pattern.endsWith('.*')) continue;
    const parent = pattern.slice(0, -2);
    if (field === parent || field.startsWith(`${parent}.`)) return owner;
  }
  return null;
}

const blank = {
  providerRef: null,
  transactionId: null,
  field: null,
  ledgerValue: null,
  providerValue: null,
  owner: null,
  amountMinor: null,
  currency: null,
  ledgerAmountMinor: null,
  ledgerCurrency: null,
  providerRecord: null,
} satisfies Partial<DriftFinding>;

/** Deep equality on JSON values, key order ignored; '12.30' and '12.3' differ, as on an invoice. */
function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((v, i) => same(v, b[i]));
  const ak = Object.keys(a);
  const bo = b as Record<string, unknown>;
  if (ak.length !== Object.keys(bo).length) return false;
  const ao = a as Record<string, unknown>;
  return ak.every((k) => Object.hasOwn(bo, k) && same(ao[k], bo[k]));
}

function compareSource(input: CompareInput, out: Comparison): void {
  if (!input.source) return;
  const known = new Set<string>();
  for (const l of input.ledger) known.add(l.sourceObjectId);
  for (const s of input.source) {
    if (known.has(s.ref)) {
      out.matched += 1;
      continue;
    }
    out.items.push({
      ...blank,
      kind: 'missing_in_ledger',
      cause: 'event_missed',
      businessKey: s.businessKey,
      providerRef: s.ref,
      amountMinor: s.amountMinor ?? null,
      currency: s.currency ?? null,
      providerRecord: s,
    });
  }
}

function compareTarget(input: CompareInput, out: Comparison): void {
  if (!input.target) return;
  const byRef = new Map<string, ProviderRecord>();
  for (const t of input.target) byRef.set(t.ref, t);
  for (const l of input.ledger) {
    if (l.status !== 'completed' || l.targetRef === null) continue;
    const t = byRef.get(l.targetRef);
    if (!t) {
      out.items.push({
        ...blank,
        ...ledgerMoney(l),
        kind: 'missing_in_target',
        cause: 'record_missing',
        businessKey: l.businessKey,
        transactionId: l.transactionId,
        providerRef: l.targetRef,
      });
    } else if (l.superseded || !differences(l, t, input.rules, out.items)) {
      out.matched += 1;
    }
  }
}

function ledgerMoney(l: LedgerRecord) {
  const money = moneyOfFields(l.fields);
  return { ledgerAmountMinor: money?.minor ?? null, ledgerCurrency: money?.currency ?? null };
}

/** Pushes the record's status and field differences; false when there are none. Hot loop: no
 * allocation on the matched path. */
function differences(
  l: LedgerRecord,
  t: ProviderRecord,
  { statusTable, fieldOwnership }: CompareRules,
  items: DriftFinding[],
): boolean {
  const before = items.length;
  // set on the first finding only: the matched path allocates nothing
  let recordCause: DriftCause | null | undefined;
  let money: ReturnType<typeof ledgerMoney> | undefined;
  const finding = (
    kind: DriftKind,
    field: string,
    ledgerValue: unknown,
    providerValue: unknown,
  ) => {
    if (recordCause === undefined)
      recordCause = reissued(l.businessKey, t.businessKey) ? 'reference_reissued' : null;
    money ??= ledgerMoney(l);
    items.push({
      ...blank,
      ...money,
      kind,
      cause:
        recordCause ??
        (kind === 'status_mismatch' ? 'status_differs' : fieldCause(ledgerValue, providerValue)),
      businessKey: l.businessKey,
      transactionId: l.transactionId,
      providerRef: t.ref,
      field,
      ledgerValue,
      providerValue,
      owner: ownerOf(field, fieldOwnership),
      amountMinor: t.amountMinor ?? null,
      currency: t.currency ?? null,
    });
  };
  if (t.status !== null && statusTable[t.status] !== l.status)
    finding('status_mismatch', 'status', l.status, t.status);
  for (const field in t.fields) {
    if (!Object.hasOwn(l.fields, field)) continue;
    const providerValue = t.fields[field];
    const ledgerValue = l.fields[field];
    if (!same(ledgerValue, providerValue))
      finding('field_mismatch', field, ledgerValue, providerValue);
  }
  return items.length > before;
}

export function compare(input: CompareInput): Comparison {
  const out: Comparison = { matched: 0, items: [] };
  compareSource(input, out);
  compareTarget(input, out);
  return out;
}

/** Exhaustive over drift kinds: which action resolves each (the console and the API offer it). */
export function actionFor(kind: DriftKind): 'backfill' | 'replay' {
  switch (kind) {
    case 'missing_in_ledger':
      return 'backfill';
    case 'missing_in_target':
    case 'status_mismatch':
    case 'field_mismatch':
      return 'replay';
    default: {
      const never: never = kind;
      throw new Error(`unknown drift kind ${String(never)}`);
    }
  }
}
