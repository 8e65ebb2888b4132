// The storefront's records, read one at a time, in canonical field names: the one reading of each
// storefront record shape, used by the state comparison and by reconciliation's target lookups.
// An order (what order.paid carried) in the names order commands use (orderNumber, customer,
// currency, total, lines, shipTo), and a fulfilment (the tracking update_fulfilment sent) in
// update_fulfilment's names, its status also as the canonical `state` the command carries
// ('open', 'shipped', 'cancelled', 'failed'). Status: the storefront's own word (an order's
// financial status 'paid'..., a fulfilment's 'success', 'open'...), as update_fulfilment reports
// it and the flows' status tables translate it.
import { z } from 'zod';
import type { ProviderContext, ProviderRecord, RecordReader } from '../../port';
import { minorUnits, noKey, readFailed, readOne, readRecord, unreadable } from '../../record-read';
import { API_VERSION } from './schemas';
import { own } from '@/lib/base/own';

const text = z.string().nullish();
const id = z.union([z.number(), z.string().min(1)]).transform(String);

const orderView = z.looseObject({
  id,
  order_number: id,
  email: text,
  updated_at: text,
  financial_status: text,
  currency: text,
  total_price: text,
  customer: z.looseObject({ full_name: text }).nullish(),
  shipping_address: z
    .looseObject({ name: text, address1: text, city: text, zip: text, country_code: text })
    .nullish(),
  line_items: z
    .array(z.looseObject({ sku: text, quantity: z.number().nullish(), price: text }))
    .nullish(),
});

const fulfilmentsView = z.object({
  fulfillments: z.array(
    z.looseObject({
      id,
      reference: text,
      status: text,
      tracking_number: text,
      tracking_company: text,
      updated_at: text,
    }),
  ),
});

/** The storefront's fulfilment status -> canonical state (operations.ts maps the other way). */
const STATE: Record<string, string> = {
  open: 'open',
  pending: 'open',
  success: 'shipped',
  cancelled: 'cancelled',
  failure: 'failed',
  error: 'failed',
};

const defined = (o: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null));

const api = (ctx: ProviderContext, path: string) =>
  `${ctx.baseUrl.replace(/\/+$/, '')}/admin/api/${API_VERSION}${path}`;
const auth = (ctx: ProviderContext) => ({
  'x-shopify-access-token': ctx.credentials.accessToken ?? '',
});

/** One storefront order (GET orders/{id} wraps it, the order listing lists it), normalised. */
export function orderRecord(order: unknown): ProviderRecord | null {
  const parsed = orderView.safeParse(order);
  if (!parsed.success) return null;
  const o = parsed.data;
  const ship = o.shipping_address;
  const amountMinor = minorUnits(o.total_price);
  // ISO 4217 codes are upper case in the canonical commands (the ERP's schema upper-cases them)
  const currency = o.currency?.toUpperCase();
  return {
    ref: o.id,
    businessKey: o.order_number,
    status: o.financial_status ?? null,
    fields: defined({
      orderNumber: o.order_number,
      customer: defined({ email: o.email, name: o.customer?.full_name }),
      currency,
      total: o.total_price,
      lines: o.line_items?.map((l) =>
        defined({ sku: l.sku, quantity: l.quantity, unitPrice: l.price }),
      ),
      shipTo: ship
        ? defined({
            name: ship.name,
            address1: ship.address1,
            city: ship.city,
            postalCode: ship.zip,
            country: ship.country_code,
          })
        : undefined,
    }),
    ...(amountMinor !== undefined && { amountMinor }),
    ...(currency && { currency }),
    updatedAt: o.updated_at ?? null,
  };
}

const readOrder: RecordReader = async (ctx, ref) => {
  if (!ref.id) return noKey('order');
  const read = await readOne(
    api(ctx, `/orders/${encodeURIComponent(ref.id)}.json`),
    auth(ctx),
    ctx.timeoutMs,
    'Storefront order',
  );
  if (read.kind === 'failed') return readFailed(read);
  if (read.kind === 'absent') return readRecord(null);
  const record = orderRecord((read.body as { order?: unknown } | null)?.order);
  return record ? readRecord(record) : unreadable('Storefront order');
};

/**
 * Our fulfilment among an order's (the GET answer): the one with our id, else the one with the
 * command's reference. null: none of them is ours; 'unreadable': the answer is not a list.
 */
export function fulfilmentRecord(
  raw: unknown,
  ref: { id: string | null; businessKey: string; orderId: string; reference: unknown },
): ProviderRecord | null | 'unreadable' {
  const list = fulfilmentsView.safeParse(raw);
  if (!list.success) return 'unreadable';
  const f = list.data.fulfillments.find((x) =>
    ref.id ? x.id === ref.id : x.reference === ref.reference,
  );
  if (!f) return null;
  const state = f.status ? (own(STATE, f.status) ?? f.status) : undefined;
  return {
    ref: f.id,
    businessKey: ref.businessKey,
    status: f.status ?? null,
    fields: defined({
      orderId: ref.orderId,
      reference: f.reference,
      trackingNumber: f.tracking_number,
      trackingCompany: f.tracking_company,
      state,
    }),
    updatedAt: f.updated_at ?? null,
  };
}

/** The fulfilments of the command's order (the storefront reads them per order, not by id). */
const readFulfilment: RecordReader = async (ctx, ref) => {
  const command = ref.command as { orderId?: unknown; reference?: unknown } | null;
  const orderId = command?.orderId;
  if (typeof orderId !== 'string' && typeof orderId !== 'number') return noKey('fulfilment');
  const read = await readOne(
    api(ctx, `/orders/${encodeURIComponent(String(orderId))}/fulfillments.json`),
    auth(ctx),
    ctx.timeoutMs,
    'Storefront fulfilment',
  );
  if (read.kind === 'failed') return readFailed(read);
  if (read.kind === 'absent') return readRecord(null);
  const record = fulfilmentRecord(read.body, {
    id: ref.id,
    businessKey: ref.businessKey,
    orderId: String(orderId),
    reference: command?.reference,
  });
  return record === 'unreadable' ? unreadable('Storefront fulfilment') : readRecord(record);
};

export const commerceRecordReaders: Record<string, RecordReader> = {
  'order.paid': readOrder,
  update_fulfilment: readFulfilment,
};
