// Shopify-style webhook delivery: raw JSON body signed with base64 HMAC-SHA256, retried on any
// non-2xx or timeout, with chaos (duplicates, reordering, outages) that Waybill must survive.
import { createHmac, randomUUID } from 'node:crypto';
import { DeliveryQueue } from '../shared-delivery';
import type { DeliveryJob } from '../shared-delivery';
import type { Rng, TimerSet } from '../shared-runtime';
import type { Order } from './orders';

export const API_VERSION = '2025-01';

export interface WebhookChaos {
  duplicateRate: number;
  reorderRate: number;
  webhookOutage: boolean;
}

export interface WebhookEvent {
  eventId: string;
  topic: string;
  orderId: number;
  orderNumber: number;
  /** Frozen at emit time: every redelivery sends exactly these bytes, as Shopify does. */
  body: Buffer;
  triggeredAt: string;
  missed: boolean;
  delivered: boolean;
}

export type DeliveryReason = 'initial' | 'retry' | 'duplicate' | 'manual';

export interface DeliveryRecord {
  eventId: string;
  topic: string;
  orderNumber: number;
  attempt: number;
  status: number;
  /** True for every send after the first attempt of the original delivery. */
  redelivery: boolean;
  reason: DeliveryReason;
  at: string;
}

export interface WebhookOptions {
  url: string;
  secret: string;
  shopDomain: string;
  maxAttempts: number;
  baseDelayMs: number;
  timeoutMs: number;
}

export function signShopify(secret: string, body: Buffer): string {
  return createHmac('sha256', secret).update(body).digest('base64');
}

export class WebhookDispatcher {
  private readonly queue: DeliveryQueue;
  private events: WebhookEvent[] = [];
  private log: DeliveryRecord[] = [];

  constructor(
    private readonly options: WebhookOptions,
    timers: TimerSet,
    private readonly rng: Rng,
  ) {
    this.queue = new DeliveryQueue(
      {
        maxAttempts: options.maxAttempts,
        baseDelayMs: options.baseDelayMs,
        maxDelayMs: 10_000,
        timeoutMs: options.timeoutMs,
        concurrency: 16,
      },
      timers,
    );
  }

  get pending(): number {
    return this.queue.pending;
  }

  emit(topic: string, order: Order, chaos: WebhookChaos): WebhookEvent {
    const event: WebhookEvent = {
      eventId: randomUUID(),
      topic,
      orderId: order.id,
      orderNumber: order.order_number,
      body: Buffer.from(JSON.stringify(order)),
      triggeredAt: new Date().toISOString(),
      missed: chaos.webhookOutage,
      delivered: false,
    };
    this.events.push(event);
    // During an outage the event exists in the storefront but is never sent: only Waybill's
    // reconciliation (REST polling by updated_at) can find it.
    if (event.missed) return event;
    this.queue.enqueue(this.job(event, 'initial'), this.hold(chaos));
    if (this.rng.chance(chaos.duplicateRate)) {
      this.queue.enqueue(this.job(event, 'duplicate'), this.hold(chaos));
    }
    return event;
  }

  redeliver(eventIds: readonly string[], orderNumbers: readonly number[]): number {
    const ids = new Set(eventIds);
    const numbers = new Set(orderNumbers);
    let count = 0;
    for (const event of this.events) {
      if (!ids.has(event.eventId) && !numbers.has(event.orderNumber)) continue;
      this.queue.enqueue(this.job(event, 'manual'));
      count++;
    }
    return count;
  }

  listEvents(): {
    eventId: string;
    topic: string;
    orderNumber: number;
    missed: boolean;
    delivered: boolean;
    triggeredAt: string;
  }[] {
    return this.events.map((e) => ({
      eventId: e.eventId,
      topic: e.topic,
      orderNumber: e.orderNumber,
      missed: e.missed,
      delivered: e.delivered,
      triggeredAt: e.triggeredAt,
    }));
  }

  deliveries(): readonly DeliveryRecord[] {
    return this.log;
  }

  reset(): void {
    this.queue.reset();
    this.events = [];
    this.log = [];
  }

  close(): void {
    this.queue.close();
  }

  /** A random 50-500 ms hold lets later events overtake this one. */
  private hold(chaos: WebhookChaos): number {
    return this.rng.chance(chaos.reorderRate) ? this.rng.int(50, 500) : 0;
  }

  private job(event: WebhookEvent, reason: Exclude<DeliveryReason, 'retry'>): DeliveryJob {
    const { url, secret, shopDomain } = this.options;
    const headers: Record<string, string> = {
      'Content-Type': 'application/json',
      'User-Agent': 'Shopify-Captain-Hook',
      'X-Shopify-Topic': event.topic,
      'X-Shopify-Hmac-Sha256': signShopify(secret, event.body),
      'X-Shopify-Shop-Domain': shopDomain,
      'X-Shopify-Webhook-Id': event.eventId,
      'X-Shopify-Event-Id': event.eventId,
      'X-Shopify-Triggered-At': event.triggeredAt,
      'X-Shopify-API-Version': API_VERSION,
    };
    return {
      request: () => ({ url, headers, body: event.body }),
      onAttempt: (attempt, status) => {
        this.log.push({
          eventId: event.eventId,
          topic: event.topic,
          orderNumber: event.orderNumber,
          attempt,
          status,
          redelivery: reason !== 'initial' || attempt > 1,
          reason: attempt > 1 ? 'retry' : reason,
          at: new Date().toISOString(),
        });
      },
      onDone: (delivered) => {
        if (delivered) event.delivered = true;
      },
    };
  }
}
