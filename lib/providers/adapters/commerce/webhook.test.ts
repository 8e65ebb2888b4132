import { describe, expect, it } from 'vitest';
import { signHmacBase64 } from '@/lib/providers/signatures/hmac-base64';
import { commerceWebhook } from './webhook';

const source = commerceWebhook;

const order = (patch: Record<string, unknown> = {}) => ({
  id: 820982911946154500,
  order_number: 1047,
  email: 'ada@example.com',
  created_at: '2025-06-01T12:00:00.000Z',
  updated_at: '2025-06-01T12:05:30.000Z',
  financial_status: 'paid',
  total_price: '42.50',
  ...patch,
});
const refund = (patch: Record<string, unknown> = {}) => ({
  id: 509562969,
  order_id: 820982911946154500,
  order_number: 1047,
  amount: '12.00',
  currency: 'EUR',
  created_at: '2025-06-02T09:00:00.000Z',
  ...patch,
});

const headersFor = (topic: string | null, eventId: string | null = 'evt-1') => {
  const h = new Headers();
  if (topic) h.set('X-Shopify-Topic', topic);
  if (eventId) h.set('X-Shopify-Webhook-Id', eventId);
  return h;
};

function parse(topic: string | null, body: unknown, eventId?: string | null) {
  const raw = JSON.stringify(body);
  return source.parse(Buffer.from(raw), JSON.parse(raw), headersFor(topic, eventId));
}

describe('commerce webhook verify', () => {
  it('checks the base64 HMAC header over the raw body', () => {
    const raw = Buffer.from(JSON.stringify(order()));
    const headers = new Headers({ 'X-Shopify-Hmac-Sha256': signHmacBase64(raw, 'shpss_unit') });
    expect(source.verify(raw, headers, ['shpss_unit'], new Date())).toBe('valid');
    expect(source.verify(raw, headers, ['shpss_other'], new Date())).toBe('invalid');
    expect(source.verify(raw, new Headers(), ['shpss_unit'], new Date())).toBe('missing');
  });
});

describe('commerce webhook parse: orders', () => {
  it.each([
    ['orders/create', 'order.created'],
    ['orders/paid', 'order.paid'],
    ['orders/cancelled', 'order.cancelled'],
  ])('reads %s as %s, sequenced by updated_at', (topic, eventType) => {
    const body = order();
    expect(parse(topic, body)).toEqual({
      ok: true,
      webhook: {
        providerEventId: 'evt-1',
        topic,
        eventType,
        objects: [
          {
            sourceObjectId: '820982911946154500',
            businessKey: '1047',
            payload: body,
            customerEmail: 'ada@example.com',
            sequence: Date.parse('2025-06-01T12:05:30.000Z'),
          },
        ],
      },
    });
  });

  it('finds the customer email on the order or on its customer record, and copes without one', () => {
    const email = (body: object) => {
      const result = parse('orders/paid', body);
      return result.ok ? result.webhook.objects[0]?.customerEmail : 'unparsed';
    };
    expect(email(order({ email: null, customer: { email: 'grace@example.com' } }))).toBe(
      'grace@example.com',
    );
    expect(email(order({ email: null, customer: null }))).toBeUndefined();
    expect(email(order({ email: 42 }))).toBeUndefined();
  });

  it('orders a later update above an earlier one, whatever the offset notation', () => {
    const seq = (updated_at: string) => {
      const result = parse('orders/paid', order({ updated_at }));
      return result.ok ? result.webhook.objects[0]?.sequence : undefined;
    };
    // 12:05:30Z and 14:05:30+02:00 are the same instant.
    expect(seq('2025-06-01T14:05:30+02:00')).toBe(seq('2025-06-01T12:05:30Z'));
    expect(seq('2025-06-01T12:05:31Z')!).toBeGreaterThan(seq('2025-06-01T12:05:30Z')!);
  });

  it.each([undefined, null])('leaves the sequence out when updated_at is %s', (updated_at) => {
    const result = parse('orders/paid', order({ updated_at }));
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.webhook.objects[0]).not.toHaveProperty('sequence');
  });

  it('prefers X-Shopify-Event-Id over X-Shopify-Webhook-Id', () => {
    const h = headersFor('orders/paid', 'webhook-1');
    h.set('X-Shopify-Event-Id', 'event-1');
    const raw = JSON.stringify(order());
    const result = source.parse(Buffer.from(raw), JSON.parse(raw), h);
    expect(result.ok && result.webhook.providerEventId).toBe('event-1');
  });
});

describe('commerce webhook parse: refunds', () => {
  it('reads refunds/create as refund.created on the refund, keyed by the order number', () => {
    const body = refund();
    expect(parse('refunds/create', body)).toEqual({
      ok: true,
      webhook: {
        providerEventId: 'evt-1',
        topic: 'refunds/create',
        eventType: 'refund.created',
        objects: [{ sourceObjectId: '509562969', businessKey: '1047', payload: body }],
      },
    });
  });
});

describe('commerce webhook parse: everything else', () => {
  it('records unknown topics and ignores them', () => {
    expect(parse('products/update', { id: 1 })).toEqual({
      ok: true,
      webhook: { providerEventId: 'evt-1', topic: 'products/update', eventType: null, objects: [] },
    });
  });

  it.each<[string, string | null, string | null, unknown, string]>([
    ['no topic header', null, 'evt-1', order(), 'missing X-Shopify-Topic header'],
    ['no event id header', 'orders/paid', null, order(), 'missing X-Shopify-Webhook-Id header'],
    ['an order without an id', 'orders/paid', 'e', order({ id: undefined }), 'not an order: id'],
    [
      'an order without an order number',
      'orders/create',
      'e',
      order({ order_number: undefined }),
      'payload is not an order: order_number',
    ],
    [
      'an order with an unreadable updated_at',
      'orders/paid',
      'e',
      order({ updated_at: 'yesterday' }),
      'payload is not an order: updated_at: not a timestamp',
    ],
    ['an array as an order', 'orders/paid', 'e', [], 'payload is not an order'],
    [
      'a refund without an order number',
      'refunds/create',
      'e',
      refund({ order_number: undefined }),
      'payload is not a refund: order_number',
    ],
    ['a refund without an id', 'refunds/create', 'e', refund({ id: '' }), 'not a refund: id'],
  ])('refuses %s with a reason', (_label, topic, eventId, body, reason) => {
    const result = parse(topic, body, eventId);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(reason);
  });
});
