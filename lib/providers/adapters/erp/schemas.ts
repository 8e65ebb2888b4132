import { z } from 'zod';

export const erpCredentials = z.object({ apiKey: z.string().min(1) });

/**
 * A money amount as the ERP wants it: a decimal string with two places. Mappings may produce a
 * number or a string (storefronts send "123.45"); both are normalised here so a float such as
 * 0.1 + 0.2 never reaches the ERP as "0.30000000000000004".
 */
const money = z
  .union([
    z.number().finite().nonnegative(),
    z.string().regex(/^\d+(\.\d{1,2})?$/, 'a decimal amount with at most two places'),
  ])
  .transform((v) => (typeof v === 'number' ? v : Number(v)).toFixed(2));

const currency = z
  .string()
  .regex(/^[A-Za-z]{3}$/, 'an ISO 4217 code')
  .transform((c) => c.toUpperCase());

/** Canonical create_sales_order command; orderNumber is the ERP's external_ref. */
export const createSalesOrderCommand = z.object({
  orderNumber: z.string().min(1),
  customer: z.object({ email: z.string().min(1), name: z.string().min(1) }),
  currency,
  total: money,
  lines: z
    .array(
      z.object({
        sku: z.string().min(1),
        quantity: z.number().int().positive(),
        unitPrice: money,
      }),
    )
    .min(1),
});
export type CreateSalesOrderCommand = z.infer<typeof createSalesOrderCommand>;

/** Canonical record_payment command; paymentReference (e.g. a payment intent id) is unique. */
export const recordPaymentCommand = z.object({
  paymentReference: z.string().min(1),
  orderNumber: z.string().min(1),
  amount: money,
  currency,
});
export type RecordPaymentCommand = z.infer<typeof recordPaymentCommand>;

/** Canonical create_credit_memo command; refundReference (the refund id) is unique. */
export const createCreditMemoCommand = z.object({
  refundReference: z.string().min(1),
  orderNumber: z.string().min(1),
  amount: money,
  currency,
  reason: z.string().min(1).optional(),
});
export type CreateCreditMemoCommand = z.infer<typeof createCreditMemoCommand>;

/**
 * Any ERP record (sales order, payment, credit memo) as far as Waybill needs it to write; its other
 * fields are kept (loose) so the state comparison can read the record a lookup found without a
 * second call (record-reader.ts).
 */
export const erpRecord = z.looseObject({
  id: z.string().min(1),
  external_ref: z.string(),
  status: z.string().min(1),
});
export type ErpRecord = z.infer<typeof erpRecord>;

export const erpRecordList = z.object({ data: z.array(z.unknown()) });

export const inventoryExport = z.object({
  export_id: z.string().min(1),
  generated_at: z.string().min(1),
  items: z.array(z.object({ sku: z.string().min(1), on_hand: z.number().int() })),
});
