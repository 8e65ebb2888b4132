// The ERP's records, read one at a time, normalised to the canonical fields of the commands that
// created them (createSalesOrderCommand, ...): the one reading of each ERP record shape, used by
// the state comparison and by reconciliation's target lookups. Status: the ERP's own word ('OPEN',
// 'INVOICED', 'POSTED', 'ISSUED'...), as its operations report it and the flows' status tables
// translate it. By id when the ledger holds the ERP's reference; otherwise by external_ref exactly
// as the "already present" lookup before a repeat does (findByExternalRef): one call either way.
// Refusals are classified as the ERP's operations classify them (classify.ts).
import { z } from 'zod';
import type { ProviderContext, ProviderRecord, RecordReader, RecordRef } from '../../port';
import { minorUnits, noKey, readFailed, readOne, readRecord, unreadable } from '../../record-read';
import { erpFailure } from './classify';
import {
  CREDIT_MEMOS,
  findByExternalRef,
  PAYMENTS,
  SALES_ORDERS,
  type RecordKind,
} from './records';

const text = z.string().nullish();
const money = z.union([z.string(), z.number()]).nullish();
const erpView = z.looseObject({
  id: z.string().min(1),
  external_ref: z.string(),
  status: z.string().min(1),
  updated_at: text,
  currency: text,
  total: money,
  amount: money,
  customer_email: text,
  customer_name: text,
  sales_order_ref: text,
  reason: text,
  lines: z
    .array(z.looseObject({ sku: text, quantity: z.number().nullish(), unit_price: money }))
    .nullish(),
});
type ErpView = z.infer<typeof erpView>;

/** Leaves out what the ERP did not say, so a missing field reads as missing, not as null. */
const defined = (o: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

const FIELDS: Record<string, (r: ErpView) => Record<string, unknown>> = {
  'sales order': (r) =>
    defined({
      orderNumber: r.external_ref,
      customer: defined({ email: r.customer_email, name: r.customer_name }),
      currency: r.currency,
      total: r.total,
      lines: r.lines?.map((l) =>
        defined({ sku: l.sku, quantity: l.quantity, unitPrice: l.unit_price }),
      ),
    }),
  payment: (r) =>
    defined({
      paymentReference: r.external_ref,
      orderNumber: r.sales_order_ref,
      amount: r.amount,
      currency: r.currency,
    }),
  'credit memo': (r) =>
    defined({
      refundReference: r.external_ref,
      orderNumber: r.sales_order_ref,
      amount: r.amount,
      currency: r.currency,
      reason: r.reason,
    }),
};

function normalise(kind: RecordKind, raw: unknown, businessKey: string): ProviderRecord | null {
  const parsed = erpView.safeParse(raw);
  if (!parsed.success) return null;
  const r = parsed.data;
  const money = r.total ?? r.amount;
  const amountMinor = minorUnits(money);
  return {
    ref: r.id,
    businessKey: r.sales_order_ref ?? (kind === SALES_ORDERS ? r.external_ref : businessKey),
    status: r.status,
    fields: (FIELDS[kind.label] ?? (() => ({})))(r),
    ...(amountMinor !== undefined && { amountMinor }),
    ...(typeof r.currency === 'string' && { currency: r.currency }),
    updatedAt: r.updated_at ?? null,
  };
}

function reader(kind: RecordKind, referenceKey: string): RecordReader {
  return async (ctx: ProviderContext, ref: RecordRef) => {
    const what = `ERP ${kind.label}`;
    if (ref.id) {
      const url = `${ctx.baseUrl.replace(/\/+$/, '')}${kind.path}/${encodeURIComponent(ref.id)}`;
      const read = await readOne(
        url,
        { authorization: `Bearer ${ctx.credentials.apiKey ?? ''}` },
        ctx.timeoutMs,
        what,
        (_what, result) => erpFailure(`${kind.label} read`, result),
      );
      if (read.kind === 'failed') return readFailed(read);
      if (read.kind === 'absent') return readRecord(null);
      const record = normalise(kind, read.body, ref.businessKey);
      return record ? readRecord(record) : unreadable(what);
    }
    const command = ref.command as Record<string, unknown> | null;
    const key = command?.[referenceKey];
    if (typeof key !== 'string' || key === '') return noKey(kind.label);
    const lookup = await findByExternalRef(ctx, kind, key);
    switch (lookup.kind) {
      case 'absent':
        return readRecord(null);
      case 'failed':
        return readFailed(lookup);
      case 'found': {
        const record = normalise(kind, lookup.record, ref.businessKey);
        return record ? readRecord(record) : unreadable(what);
      }
      default: {
        const exhaustive: never = lookup;
        return exhaustive;
      }
    }
  };
}

export const erpRecordReaders: Record<string, RecordReader> = {
  create_sales_order: reader(SALES_ORDERS, 'orderNumber'),
  record_payment: reader(PAYMENTS, 'paymentReference'),
  create_credit_memo: reader(CREDIT_MEMOS, 'refundReference'),
};
