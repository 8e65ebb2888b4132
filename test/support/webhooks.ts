import { randomUUID } from 'node:crypto';
import { signHmacBase64 } from '@/lib/providers/signatures/hmac-base64';

/** A Shopify-style signed webhook delivery, for tests that send their own. */
export function signedOrderWebhook(
  order: Record<string, unknown>,
  secret: string,
  opts: { topic?: string; eventId?: string } = {},
) {
  const body = JSON.stringify(order);
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'x-shopify-topic': opts.topic ?? 'orders/paid',
      'x-shopify-hmac-sha256': signHmacBase64(body, secret),
      'x-shopify-webhook-id': opts.eventId ?? randomUUID(),
      'x-shopify-shop-domain': 'acme-outfitters.myshopify.com',
    },
  };
}

export function sampleOrder(orderNumber: number) {
  return {
    id: 990_000_000 + orderNumber,
    order_number: orderNumber,
    email: `buyer${orderNumber}@example.com`,
    line_items: [{ sku: 'TENT-2P-GRN', quantity: 1 }],
    shipping_address: {
      name: 'Ada Lovelace',
      address1: '1 Main St',
      city: 'Berlin',
      zip: '10115',
      country_code: 'DE',
    },
  };
}
