// Inbound side of the storefront (Shopify-like): topic and event id travel in headers, the body is
// the bare resource (an order, or a refund), signed base64 HMAC over the raw bytes.
import { z } from 'zod';
import { verifyHmacBase64 } from '@/lib/providers/signatures/hmac-base64';
import { firstIssue } from '../../first-issue';
import type { InboundObject, WebhookParse, WebhookSource } from '../../port';
import { own } from '@/lib/base/own';

type Read = { ok: true; object: InboundObject } | { ok: false; reason: string };

const numericId = z.union([z.number(), z.string().min(1)]);

const orderShape = z.object({
  id: numericId,
  order_number: numericId,
  updated_at: z
    .string()
    .refine((s) => !Number.isNaN(Date.parse(s)), 'not a timestamp')
    .nullish(),
});

// Where a storefront order keeps the buyer's email (top level, or on the customer record).
const orderEmail = z.object({
  email: z.string().nullish(),
  customer: z.object({ email: z.string().nullish() }).nullish(),
});

const refundShape = z.object({ id: numericId, order_number: numericId });

function readOrder(json: unknown): Read {
  const order = orderShape.safeParse(json);
  if (!order.success)
    return { ok: false, reason: `payload is not an order: ${firstIssue(order.error)}` };
  const { id, order_number, updated_at } = order.data;
  const contact = orderEmail.safeParse(json);
  const email = contact.success ? (contact.data.email ?? contact.data.customer?.email) : null;
  return {
    ok: true,
    object: {
      sourceObjectId: String(id),
      businessKey: String(order_number),
      payload: json,
      ...(email ? { customerEmail: email } : {}),
      // Every change to an order moves updated_at (whole seconds at Shopify: two changes within
      // one second tie, and a tie is not stale). Without a stateKey each flow makes ONE
      // transaction per order and event type (a re-sent orders/paid is the same payment), so the
      // sequence is recorded for ordering and reconciliation; it marks a transaction stale only
      // for flows whose objects do carry a stateKey.
      ...(updated_at ? { sequence: Date.parse(updated_at) } : {}),
    },
  };
}

/** A refund is created once and never changes: it needs no sequence. */
function readRefund(json: unknown): Read {
  const refund = refundShape.safeParse(json);
  if (!refund.success)
    return { ok: false, reason: `payload is not a refund: ${firstIssue(refund.error)}` };
  return {
    ok: true,
    object: {
      sourceObjectId: String(refund.data.id),
      businessKey: String(refund.data.order_number),
      payload: json,
    },
  };
}

/** Provider topics -> canonical event types. Topics not listed are recorded and ignored. */
const TOPICS: Record<string, { eventType: string; read: (json: unknown) => Read }> = {
  'orders/create': { eventType: 'order.created', read: readOrder },
  'orders/paid': { eventType: 'order.paid', read: readOrder },
  'orders/cancelled': { eventType: 'order.cancelled', read: readOrder },
  'refunds/create': { eventType: 'refund.created', read: readRefund },
};

function parse(_raw: Buffer, json: unknown, headers: Headers): WebhookParse {
  const topic = headers.get('x-shopify-topic');
  const eventId = headers.get('x-shopify-event-id') ?? headers.get('x-shopify-webhook-id');
  if (!topic) return { ok: false, reason: 'missing X-Shopify-Topic header' };
  if (!eventId) return { ok: false, reason: 'missing X-Shopify-Webhook-Id header' };
  const known = own(TOPICS, topic);
  if (!known)
    return { ok: true, webhook: { providerEventId: eventId, topic, eventType: null, objects: [] } };
  const read = known.read(json);
  if (!read.ok) return read;
  return {
    ok: true,
    webhook: {
      providerEventId: eventId,
      topic,
      eventType: known.eventType,
      objects: [read.object],
    },
  };
}

export const commerceWebhook: WebhookSource<WebhookParse> = {
  secretHeaders: ['x-shopify-hmac-sha256'],
  verify: (raw, headers, secrets) =>
    verifyHmacBase64(raw, headers.get('x-shopify-hmac-sha256'), secrets),
  parse,
};
