// Stripe events and their delivery: `Stripe-Signature: t=<unix>,v1=<hex>` where v1 is
// hex(HMAC-SHA256(secret, "<t>.<raw body>")) keyed with the whole `whsec_…` string as UTF-8.
// Re-signed per attempt (fresh t), as Stripe does; the body bytes never change.
import { createHmac } from 'node:crypto';
import type { DeliveryPolicy } from '../shared-delivery';
import type { WebhookChaos } from '../shared-chaos';
import type { TimerSet, Rng } from '../shared-runtime';
import { WebhookSender } from '../shared-webhooks';
import type { Endpoint } from '../shared-webhooks';

export const API_VERSION = '2024-06-20';

export interface EventMeta {
  /** The payment intent the event is about, to find its deliveries. */
  paymentIntent: string;
}

export function signStripe(secret: string, timestamp: number, body: Buffer | string): string {
  const v1 = createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex');
  return `t=${timestamp},v1=${v1}`;
}

export function stripeSender(
  policy: DeliveryPolicy,
  timers: TimerSet,
  rng: Rng,
  endpoint: Endpoint | undefined,
): WebhookSender<EventMeta> {
  return new WebhookSender<EventMeta>(
    policy,
    timers,
    rng,
    (target, event) => ({
      'Content-Type': 'application/json; charset=utf-8',
      'User-Agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
      'Stripe-Signature': signStripe(target.secret, Math.floor(Date.now() / 1000), event.body),
    }),
    endpoint,
  );
}

export function emitEvent(
  sender: WebhookSender<EventMeta>,
  eventId: string,
  type: string,
  object: { id: string },
  paymentIntent: string,
  chaos: WebhookChaos,
): void {
  const event = {
    id: eventId,
    object: 'event',
    api_version: API_VERSION,
    created: Math.floor(Date.now() / 1000),
    type,
    data: { object },
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
  };
  sender.emit(eventId, type, { paymentIntent }, Buffer.from(JSON.stringify(event)), chaos);
}
