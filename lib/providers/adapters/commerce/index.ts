// Commerce storefront (Shopify-like): signed order webhooks in, fulfilment updates out (later).
import { z } from 'zod';
import { verifyHmacBase64 } from '@/lib/ingest/signatures/hmac-base64';
import type { ProviderAdapter, WebhookParse } from '../../port';

/** Provider topics -> canonical event types. Topics not listed are recorded and ignored. */
const TOPICS: Record<string, string> = {
  'orders/create': 'order.created',
  'orders/paid': 'order.paid',
  'orders/cancelled': 'order.cancelled',
  'refunds/create': 'refund.created',
};

const orderShape = z.object({
  id: z.union([z.number(), z.string()]),
  order_number: z.union([z.number(), z.string()]),
});

function parse(_raw: Buffer, json: unknown, headers: Headers): WebhookParse {
  const topic = headers.get('x-shopify-topic');
  const eventId = headers.get('x-shopify-event-id') ?? headers.get('x-shopify-webhook-id');
  if (!topic) return { ok: false, reason: 'missing X-Shopify-Topic header' };
  if (!eventId) return { ok: false, reason: 'missing X-Shopify-Webhook-Id header' };
  const eventType = TOPICS[topic] ?? null;
  if (!eventType)
    return { ok: true, webhook: { providerEventId: eventId, topic, eventType: null, objects: [] } };
  const order = orderShape.safeParse(json);
  if (!order.success)
    return {
      ok: false,
      reason: `payload is not an order: ${order.error.issues[0]?.message ?? 'invalid'}`,
    };
  return {
    ok: true,
    webhook: {
      providerEventId: eventId,
      topic,
      eventType,
      objects: [
        {
          sourceObjectId: String(order.data.id),
          businessKey: String(order.data.order_number),
          payload: json,
        },
      ],
    },
  };
}

export const commerceAdapter: ProviderAdapter = {
  kind: 'commerce',
  displayName: 'Commerce storefront',
  capabilities: { idempotencyKeys: false, getByReference: true, listByWindow: true, bulk: false },
  credentials: z.record(z.string(), z.string()),
  webhook: {
    secretHeaders: ['x-shopify-hmac-sha256'],
    verify: (raw, headers, secrets) =>
      verifyHmacBase64(raw, headers.get('x-shopify-hmac-sha256'), secrets),
    parse,
  },
  operations: {},
};
