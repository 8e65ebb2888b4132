// Inbound side of the payments provider (Stripe-like): signed events reshaped into the port's terms.
import { z } from 'zod';
import { verifyStripe } from '@/lib/providers/signatures/stripe';
import { firstIssue } from '../../first-issue';
import type { InboundObject, WebhookParse, WebhookSource } from '../../port';
import { own } from '@/lib/base/own';

const event = z.object({
  id: z.string().min(1),
  type: z.string().min(1),
  data: z.object({ object: z.unknown() }),
});

// Stripe metadata values are always strings; the order number is how Waybill joins a payment to
// the order it pays for, so an event without one cannot be attributed.
const withOrderNumber = z.object({
  id: z.string().min(1),
  metadata: z.object({ order_number: z.string().min(1) }),
  receipt_email: z.string().nullish().catch(null),
});

/** Event types -> canonical event types. Types not listed are recorded and ignored. */
const EVENT_TYPES: Record<string, { eventType: string; objectName: string }> = {
  'payment_intent.succeeded': { eventType: 'payment.succeeded', objectName: 'payment intent' },
  'charge.refunded': { eventType: 'payment.refunded', objectName: 'charge' },
};

function parse(_raw: Buffer, json: unknown): WebhookParse {
  const parsed = event.safeParse(json);
  if (!parsed.success)
    return { ok: false, reason: `payload is not an event: ${firstIssue(parsed.error)}` };
  const { id: providerEventId, type: topic, data } = parsed.data;
  const known = own(EVENT_TYPES, topic);
  if (!known)
    return { ok: true, webhook: { providerEventId, topic, eventType: null, objects: [] } };
  const object = withOrderNumber.safeParse(data.object);
  if (!object.success)
    return {
      ok: false,
      reason: `${topic} carries no usable ${known.objectName}: ${firstIssue(object.error)}`,
    };
  const inbound: InboundObject = {
    sourceObjectId: object.data.id,
    businessKey: object.data.metadata.order_number,
    ...(object.data.receipt_email ? { customerEmail: object.data.receipt_email } : {}),
    // The whole event: the mapping may need its id, created time or api_version, not just the object.
    payload: json,
  };
  return {
    ok: true,
    webhook: { providerEventId, topic, eventType: known.eventType, objects: [inbound] },
  };
}

export const paymentsWebhook: WebhookSource<WebhookParse> = {
  secretHeaders: ['stripe-signature'],
  verify: (raw, headers, secrets, now) =>
    verifyStripe(raw, headers.get('stripe-signature'), secrets, now),
  parse,
};
