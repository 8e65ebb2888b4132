// The storefront's records read live for the state comparison, in canonical field names: an order
// (what order.paid carried) in the names order commands use (orderNumber, customer, currency,
// total, lines, shipTo), and a fulfilment in update_fulfilment's names. Canonical status words:
// an order's financial status ('paid', 'partially_refunded', ...), a fulfilment's canonical state
// ('open', 'shipped', 'cancelled', 'failed'; the storefront's own word when it has no canonical one).
import { z } from 'zod';
import type { ProviderContext, ProviderRecord, RecordReader } from '../../port';
import {
  lookupFailed,
  minorUnits,
  noKey,
  readOne,
  readRecord,
  unreadable,
} from '../../record-read';
import { API_VERSION } from './schemas';

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

function orderRecord(raw: unknown): ProviderRecord | null {
  const body = raw as { order?: unknown } | null;
  const parsed = orderView.safeParse(body?.order);
  if (!parsed.success) return null;
  const o = parsed.data;
  const ship = o.shipping_address;
  const amountMinor = minorUnits(o.total_price);
  return {
    ref: o.id,
    businessKey: o.order_number,
    status: o.financial_status ?? null,
    fields: defined({
      orderNumber: o.order_number,
      customer: defined({ email: o.email, name: o.customer?.full_name }),
      currency: o.currency,
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
    ...(o.currency && { currency: o.currency }),
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
  if (read.kind === 'failed') return lookupFailed(read.errorClass, read.message);
  if (read.kind === 'absent') return readRecord(null);
  const record = orderRecord(read.body);
  return record ? readRecord(record) : unreadable('Storefront order');
};

/** The fulfilments of the command's order; ours is the one with our id, or our reference. */
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
  if (read.kind === 'failed') return lookupFailed(read.errorClass, read.message);
  if (read.kind === 'absent') return readRecord(null);
  const list = fulfilmentsView.safeParse(read.body);
  if (!list.success) return unreadable('Storefront fulfilment');
  const f = list.data.fulfillments.find((x) =>
    ref.id ? x.id === ref.id : x.reference === command?.reference,
  );
  if (!f) return readRecord(null);
  return readRecord({
    ref: f.id,
    businessKey: ref.businessKey,
    status: f.status ? (STATE[f.status] ?? f.status) : null,
    fields: defined({
      orderId: String(orderId),
      reference: f.reference,
      trackingNumber: f.tracking_number,
      trackingCompany: f.tracking_company,
      state: f.status ? (STATE[f.status] ?? f.status) : undefined,
    }),
    updatedAt: f.updated_at ?? null,
  });
};

export const commerceRecordReaders: Record<string, RecordReader> = {
  'order.paid': readOrder,
  update_fulfilment: readFulfilment,
};
