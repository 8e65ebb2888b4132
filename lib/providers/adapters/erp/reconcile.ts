// Reconciliation's target lookups: the record an operation created, by the id the ledger kept.
// The ERP can list by window (updated_from/updated_to), but a listing says nothing about a record
// that is gone, and a drift injection moves updated_at out of the window; looking up each ledger
// reference answers both "is it there" and "does it still agree" for exactly the ledger's records.
import { z } from 'zod';
import { callProvider } from '../../http';
import type { ProviderContext, Reconciler, TargetLookup } from '../../port';
import { erpFailure } from './classify';

const erpMoneyRecord = z.looseObject({
  id: z.string().min(1),
  external_ref: z.string(),
  sales_order_ref: z.string().optional(),
  status: z.string().min(1),
  currency: z.string(),
  total: z.string().optional(),
  amount: z.string().optional(),
});

function toMinor(amount: string | undefined): number | undefined {
  return amount && /^-?\d+\.\d{2}$/.test(amount) ? Math.round(Number(amount) * 100) : undefined;
}

/** `moneyField` is the canonical command's name for the record's money (total or amount). */
function lookup(path: string, moneyField: 'total' | 'amount') {
  return async (ctx: ProviderContext, ref: string): Promise<TargetLookup> => {
    const url = `${ctx.baseUrl.replace(/\/+$/, '')}${path}/${encodeURIComponent(ref)}`;
    const attempt = await callProvider('GET', url, {
      headers: { authorization: `Bearer ${ctx.credentials.apiKey ?? ''}` },
      timeoutMs: ctx.timeoutMs,
    });
    if (!attempt.ok) return { ok: false, errorClass: attempt.errorClass, message: attempt.message };
    const { status, body } = attempt.result;
    // A by-id read: 404 is "no such record" (unlike the collection routes operations call).
    if (status === 404) return { ok: true, record: null };
    if (status !== 200) return { ok: false, ...erpFailure('record lookup', attempt.result) };
    const parsed = erpMoneyRecord.safeParse(body);
    if (!parsed.success)
      return { ok: false, errorClass: 'contract_mismatch', message: 'ERP record is unreadable' };
    const r = parsed.data;
    const money = moneyField === 'total' ? r.total : r.amount;
    const amountMinor = toMinor(money);
    return {
      ok: true,
      record: {
        ref: r.id,
        businessKey: r.sales_order_ref ?? r.external_ref,
        // the ERP's own status word (OPEN, POSTED…): the flow's status table translates it
        status: r.status,
        fields: { [moneyField]: money ?? null, currency: r.currency },
        ...(amountMinor !== undefined && { amountMinor }),
        currency: r.currency,
        updatedAt: typeof r.updated_at === 'string' ? r.updated_at : null,
      },
    };
  };
}

export const erpReconciler: Reconciler = {
  lookupTarget: {
    create_sales_order: lookup('/api/v1/sales-orders', 'total'),
    record_payment: lookup('/api/v1/payments', 'amount'),
    create_credit_memo: lookup('/api/v1/credit-memos', 'amount'),
  },
};
