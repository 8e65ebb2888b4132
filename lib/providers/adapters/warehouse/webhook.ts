// Inbound side of the warehouse: shipment status webhooks signed per Standard Webhooks. The same
// fulfilment reports many times as it moves through its workflow; the status rank orders those
// reports so a late, older one is recognised as stale.
import { z } from 'zod';
import {
  standardWebhookHeaders,
  verifyStandardWebhook,
} from '@/lib/providers/signatures/standard-webhooks';
import { firstIssue } from '../../first-issue';
import type { WebhookParse, WebhookSource } from '../../port';
import { own } from '@/lib/base/own';

const STATUS_CHANGED = 'fulfilment.status_changed';

/**
 * Position of each status in the WMS workflow. COMPLETE and ERROR share the last rank: both are
 * terminal, and neither may be overtaken by an earlier status arriving late.
 */
const STATUS_RANK: Readonly<Record<string, number>> = {
  CREATED: 1,
  QUEUED: 2,
  PROCESSING: 3,
  SENT: 4,
  ACKNOWLEDGED: 5,
  COMPLETE: 6,
  ERROR: 6,
};

const envelope = z.object({ type: z.string().min(1), data: z.unknown() });

const statusChanged = z.object({
  fulfilment: z.object({
    id: z.string().min(1),
    // The order is the business key; Waybill always sends one, a fulfilment made without it
    // elsewhere cannot be joined to anything.
    order_number: z.string().min(1),
    status: z.string().min(1),
  }),
});

function parse(_raw: Buffer, json: unknown, headers: Headers): WebhookParse {
  // The message id is the spec's idempotency key: stable across the sender's retries.
  const providerEventId = headers.get('webhook-id');
  if (!providerEventId) return { ok: false, reason: 'missing webhook-id header' };
  const body = envelope.safeParse(json);
  if (!body.success)
    return { ok: false, reason: `payload is not a webhook message: ${firstIssue(body.error)}` };
  const topic = body.data.type;
  if (topic !== STATUS_CHANGED)
    return { ok: true, webhook: { providerEventId, topic, eventType: null, objects: [] } };
  const data = statusChanged.safeParse(body.data.data);
  if (!data.success)
    return {
      ok: false,
      reason: `${topic} carries no usable fulfilment: ${firstIssue(data.error)}`,
    };
  const { id, order_number, status } = data.data.fulfilment;
  // An unknown status keeps no rank rather than being refused: the event is still recorded and
  // the mapping's status table sends the unmapped status to review.
  const sequence = own(STATUS_RANK, status);
  return {
    ok: true,
    webhook: {
      providerEventId,
      topic,
      eventType: 'shipment.updated',
      objects: [
        {
          sourceObjectId: id,
          businessKey: order_number,
          payload: json,
          // Each status of a fulfilment is its own fact to pass on (SENT, then COMPLETE).
          stateKey: status,
          ...(sequence === undefined ? {} : { sequence }),
        },
      ],
    },
  };
}

export const warehouseWebhook: WebhookSource<WebhookParse> = {
  secretHeaders: ['webhook-signature'],
  verify: (raw, headers, secrets, now) =>
    verifyStandardWebhook(raw, standardWebhookHeaders(headers), secrets, now),
  parse,
};
