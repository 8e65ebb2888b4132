// The generic webhook: the alert as JSON, signed per Standard Webhooks (standard-webhooks.ts).
// The body keeps the fields of the earlier payload and adds `type` ("alert.triggered" or
// "alert.resolved") and `timestamp`, the envelope the specification recommends.
import type { AlertMessage, DeliveryOutcome } from './message';
import { postJson, type PostContext } from './http-post';
import { standardWebhookHeaders } from './standard-webhooks';

export interface WebhookTarget {
  channel: 'webhook';
  url: string;
  /** the current secret first, then the previous one during a rotation's overlap; [] unsigned */
  secrets: string[];
}

export function webhookPayload(message: AlertMessage, at: Date) {
  return {
    type: `alert.${message.type}`,
    timestamp: at.toISOString(),
    event: message.event,
    rule: message.rule,
    reason: message.reason,
    errorClass: message.errorClass,
    counts: message.counts,
    firstAt: message.firstAt,
    lastAt: message.lastAt,
    resolvedAt: message.resolvedAt,
    link: message.link,
  };
}

export function webhookRequest(target: WebhookTarget, message: AlertMessage, at: Date) {
  const body = JSON.stringify(webhookPayload(message, at));
  const signed = standardWebhookHeaders({ id: message.id, at, body, secrets: target.secrets });
  // unsigned rules (made before secrets existed) still carry the id and timestamp
  if (target.secrets.length === 0) delete signed['webhook-signature'];
  return { body, headers: signed };
}

export function sendWebhook(
  target: WebhookTarget,
  message: AlertMessage,
  at: Date,
  ctx: PostContext,
): Promise<DeliveryOutcome> {
  const { body, headers } = webhookRequest(target, message, at);
  return postJson(target.url, body, headers, ctx);
}
