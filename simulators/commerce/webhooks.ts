// Shopify-style webhook delivery: raw JSON body signed with base64 HMAC-SHA256, retried on any
// non-2xx or timeout, with chaos (duplicates, reordering, outages) that Waybill must survive.
import { createHmac, randomUUID } from 'node:crypto';
import type { WebhookChaos } from '../shared-chaos';
import type { Rng, TimerSet } from '../shared-runtime';
import { WebhookSender } from '../shared-webhooks';
import type { DeliveryRecord, EventSummary } from '../shared-webhooks';

export const API_VERSION = '2025-01';

export interface WebhookOptions {
  url: string;
  secret: string;
  shopDomain: string;
  maxAttempts: number;
  baseDelayMs: number;
  timeoutMs: number;
}

interface OrderMeta {
  orderNumber: number;
}

export function signShopify(secret: string, body: Buffer): string {
  return createHmac('sha256', secret).update(body).digest('base64');
}

export class WebhookDispatcher {
  private readonly sender: WebhookSender<OrderMeta>;

  constructor(options: WebhookOptions, timers: TimerSet, rng: Rng) {
    this.sender = new WebhookSender<OrderMeta>(
      {
        maxAttempts: options.maxAttempts,
        baseDelayMs: options.baseDelayMs,
        maxDelayMs: 10_000,
        timeoutMs: options.timeoutMs,
        concurrency: 16,
      },
      timers,
      rng,
      // Shopify signs the bytes only, so every attempt carries the same headers.
      (endpoint, event) => ({
        'Content-Type': 'application/json',
        'User-Agent': 'Shopify-Captain-Hook',
        'X-Shopify-Topic': event.topic,
        'X-Shopify-Hmac-Sha256': signShopify(endpoint.secret, event.body),
        'X-Shopify-Shop-Domain': options.shopDomain,
        'X-Shopify-Webhook-Id': event.eventId,
        'X-Shopify-Event-Id': event.eventId,
        'X-Shopify-Triggered-At': event.triggeredAt,
        'X-Shopify-API-Version': API_VERSION,
      }),
      { url: options.url, secret: options.secret },
    );
  }

  get pending(): number {
    return this.sender.pending;
  }

  /** payload is frozen to bytes now: every redelivery sends exactly these, as Shopify does. */
  emit(topic: string, orderNumber: number, payload: unknown, chaos: WebhookChaos): void {
    const body = Buffer.from(JSON.stringify(payload));
    this.sender.emit(randomUUID(), topic, { orderNumber }, body, chaos);
  }

  redeliver(eventIds: readonly string[], orderNumbers: readonly number[]): number {
    const ids = new Set(eventIds);
    const numbers = new Set(orderNumbers);
    return this.sender.redeliver((e) => ids.has(e.eventId) || numbers.has(e.meta.orderNumber));
  }

  listEvents(): (EventSummary & OrderMeta)[] {
    return this.sender.events();
  }

  deliveries(): readonly (DeliveryRecord & OrderMeta)[] {
    return this.sender.deliveries();
  }

  reset(): void {
    this.sender.reset();
  }

  close(): void {
    this.sender.close();
  }
}
