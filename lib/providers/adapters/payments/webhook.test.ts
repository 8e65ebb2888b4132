import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { paymentsAdapter } from './index';
import { paymentsWebhook } from './webhook';

const source = paymentsWebhook;
const stripe = new Stripe('sk_test_unit_never_sent');
const SECRET = 'whsec_payments_unit';

const paymentIntent = {
  id: 'pi_3Pq',
  object: 'payment_intent',
  amount: 4250,
  amount_received: 4250,
  currency: 'eur',
  status: 'succeeded',
  metadata: { order_id: '5001', order_number: '1047' },
  created: 1_748_779_200,
};
const charge = {
  id: 'ch_3Pq',
  object: 'charge',
  payment_intent: 'pi_3Pq',
  amount: 4250,
  amount_refunded: 1000,
  currency: 'eur',
  refunded: true,
  metadata: { order_id: '5001', order_number: '1047' },
};
const event = (type: string, object: unknown, id = 'evt_1') => ({
  id,
  object: 'event',
  api_version: '2024-06-20',
  created: 1_748_779_200,
  type,
  data: { object },
});

function parse(body: unknown) {
  const raw = JSON.stringify(body);
  return source.parse(Buffer.from(raw), JSON.parse(raw), new Headers());
}

describe('payments adapter', () => {
  it('declares what the engine may rely on', () => {
    expect(paymentsAdapter.kind).toBe('payments');
    expect(paymentsAdapter.capabilities).toEqual({
      idempotencyKeys: true,
      getByReference: true,
      listByWindow: true,
      bulk: false,
    });
    expect(paymentsAdapter.operations).toEqual({});
    expect(paymentsAdapter.credentials.safeParse({ apiKey: 'sk_test_x' }).success).toBe(true);
    expect(paymentsAdapter.credentials.safeParse({ apiKey: '' }).success).toBe(false);
    expect(paymentsAdapter.credentials.safeParse({}).success).toBe(false);
  });
});

describe('payments webhook verify', () => {
  const raw = JSON.stringify(event('payment_intent.succeeded', paymentIntent));
  const now = new Date();
  const signed = (header: string) => new Headers({ 'Stripe-Signature': header });

  it('redacts the signature header', () => {
    expect(source.secretHeaders).toEqual(['stripe-signature']);
  });

  it('accepts a header made by the stripe library', () => {
    const header = stripe.webhooks.generateTestHeaderString({ payload: raw, secret: SECRET });
    expect(source.verify(Buffer.from(raw), signed(header), [SECRET], now)).toBe('valid');
  });

  it('refuses a header signed too long ago, using the time it is given', () => {
    const timestamp = Math.floor(now.getTime() / 1000) - 301;
    const header = stripe.webhooks.generateTestHeaderString({
      payload: raw,
      secret: SECRET,
      timestamp,
    });
    expect(source.verify(Buffer.from(raw), signed(header), [SECRET], now)).toBe('invalid');
  });

  it('reports a request without the header as missing', () => {
    expect(source.verify(Buffer.from(raw), new Headers(), [SECRET], now)).toBe('missing');
  });
});

describe('payments webhook parse', () => {
  it('reads payment_intent.succeeded as payment.succeeded keyed by the order number', () => {
    const body = event('payment_intent.succeeded', paymentIntent, 'evt_pay');
    expect(parse(body)).toEqual({
      ok: true,
      webhook: {
        providerEventId: 'evt_pay',
        topic: 'payment_intent.succeeded',
        eventType: 'payment.succeeded',
        objects: [{ sourceObjectId: 'pi_3Pq', businessKey: '1047', payload: body }],
      },
    });
  });

  it('reads charge.refunded as payment.refunded on the charge', () => {
    const body = event('charge.refunded', charge, 'evt_ref');
    expect(parse(body)).toEqual({
      ok: true,
      webhook: {
        providerEventId: 'evt_ref',
        topic: 'charge.refunded',
        eventType: 'payment.refunded',
        objects: [{ sourceObjectId: 'ch_3Pq', businessKey: '1047', payload: body }],
      },
    });
  });

  it.each(['payment_intent.created', 'charge.succeeded', 'customer.updated'])(
    'records %s and ignores it',
    (type) => {
      // Ignored types are not read further: their object may be anything.
      expect(parse(event(type, { id: 'x' }, 'evt_other'))).toEqual({
        ok: true,
        webhook: { providerEventId: 'evt_other', topic: type, eventType: null, objects: [] },
      });
    },
  );

  it.each<[string, unknown, string]>([
    ['a JSON array', [], 'payload is not an event'],
    ['null', null, 'payload is not an event'],
    ['an event without an id', { ...event('charge.refunded', charge), id: undefined }, 'id'],
    ['an event without a type', { ...event('charge.refunded', charge), type: '' }, 'type'],
    ['an event without data', { id: 'evt_1', type: 'charge.refunded' }, 'data'],
    [
      'a payment intent without metadata.order_number',
      event('payment_intent.succeeded', { ...paymentIntent, metadata: { order_id: '5001' } }),
      'payment_intent.succeeded carries no usable payment intent: metadata.order_number',
    ],
    [
      'a charge without an id',
      event('charge.refunded', { ...charge, id: undefined }),
      'charge.refunded carries no usable charge: id',
    ],
    [
      'a numeric order number (Stripe metadata values are strings)',
      event('charge.refunded', { ...charge, metadata: { order_number: 1047 } }),
      'metadata.order_number',
    ],
  ])('refuses %s with a reason', (_label, body, reason) => {
    const result = parse(body);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(reason);
  });
});
