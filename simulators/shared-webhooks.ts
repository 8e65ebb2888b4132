// Event log + outbound delivery with the webhook chaos of docs/simulators.md (duplicates, reordering,
// late delivery, outages). Each sender brings its own signature headers; the bytes of an event are
// frozen when it is emitted, so every redelivery sends exactly the same body.
import { DeliveryQueue } from './shared-delivery';
import type { DeliveryPolicy } from './shared-delivery';
import { webhookOutageActive } from './shared-chaos';
import type { WebhookChaos } from './shared-chaos';
import { latencyMs } from './shared-runtime';
import type { Rng, TimerSet } from './shared-runtime';

export type DeliveryReason = 'initial' | 'retry' | 'duplicate' | 'manual';

export interface Endpoint {
  url: string;
  secret: string;
}

export interface SentEvent<M> {
  eventId: string;
  topic: string;
  meta: M;
  body: Buffer;
  triggeredAt: string;
  /** Generated while webhooks were down (or no endpoint was set): only listing can find it. */
  missed: boolean;
  delivered: boolean;
}

export interface DeliveryRecord {
  eventId: string;
  topic: string;
  attempt: number;
  /** HTTP status, or 0 for a network error or timeout. */
  status: number;
  /** True for every send after the first attempt of the original delivery. */
  redelivery: boolean;
  reason: DeliveryReason;
  at: string;
}

export interface EventSummary {
  eventId: string;
  topic: string;
  missed: boolean;
  delivered: boolean;
  triggeredAt: string;
}

/** Headers for one attempt; called per attempt so a scheme with timestamps can re-sign. */
export type Signer<M> = (endpoint: Endpoint, event: SentEvent<M>) => Record<string, string>;

export class WebhookSender<M extends object> {
  private readonly queue: DeliveryQueue;
  private endpoint: Endpoint | undefined;
  private log: SentEvent<M>[] = [];
  private records: (DeliveryRecord & M)[] = [];

  constructor(
    policy: DeliveryPolicy,
    timers: TimerSet,
    private readonly rng: Rng,
    private readonly sign: Signer<M>,
    private readonly initial: Endpoint | undefined,
  ) {
    this.queue = new DeliveryQueue(policy, timers);
    this.endpoint = initial;
  }

  get pending(): number {
    return this.queue.pending;
  }

  get url(): string | null {
    return this.endpoint?.url ?? null;
  }

  /** Later events go to the new endpoint; events already queued keep the one they were sent to. */
  configure(endpoint: Endpoint | undefined): void {
    this.endpoint = endpoint;
  }

  emit(eventId: string, topic: string, meta: M, body: Buffer, chaos: WebhookChaos): SentEvent<M> {
    const endpoint = this.endpoint;
    const event: SentEvent<M> = {
      eventId,
      topic,
      meta,
      body,
      triggeredAt: new Date().toISOString(),
      missed: !endpoint || webhookOutageActive(chaos),
      delivered: false,
    };
    this.log.push(event);
    if (event.missed || !endpoint) return event;
    this.queue.enqueue(this.job(endpoint, event, 'initial'), this.hold(chaos));
    if (this.rng.chance(chaos.duplicateRate)) {
      this.queue.enqueue(this.job(endpoint, event, 'duplicate'), this.hold(chaos));
    }
    return event;
  }

  /** Sends matching events again (also missed ones) to the current endpoint. */
  redeliver(match: (event: SentEvent<M>) => boolean): number {
    const endpoint = this.endpoint;
    if (!endpoint) return 0;
    let count = 0;
    for (const event of this.log) {
      if (!match(event)) continue;
      this.queue.enqueue(this.job(endpoint, event, 'manual'));
      count++;
    }
    return count;
  }

  events(): (EventSummary & M)[] {
    return this.log.map((e) => ({
      eventId: e.eventId,
      topic: e.topic,
      ...e.meta,
      missed: e.missed,
      delivered: e.delivered,
      triggeredAt: e.triggeredAt,
    }));
  }

  deliveries(): readonly (DeliveryRecord & M)[] {
    return this.records;
  }

  reset(): void {
    this.queue.reset();
    this.endpoint = this.initial;
    this.log = [];
    this.records = [];
  }

  close(): void {
    this.queue.close();
  }

  /** reorderRate holds an event 50-500 ms so later ones overtake it; lateDeliveryMs adds to that. */
  private hold(chaos: WebhookChaos): number {
    const reorder = this.rng.chance(chaos.reorderRate) ? this.rng.int(50, 500) : 0;
    return reorder + latencyMs(this.rng, chaos.lateDeliveryMs);
  }

  private job(endpoint: Endpoint, event: SentEvent<M>, reason: Exclude<DeliveryReason, 'retry'>) {
    return {
      request: () => ({ url: endpoint.url, headers: this.sign(endpoint, event), body: event.body }),
      onAttempt: (attempt: number, status: number) => {
        this.records.push({
          eventId: event.eventId,
          topic: event.topic,
          ...event.meta,
          attempt,
          status,
          redelivery: reason !== 'initial' || attempt > 1,
          reason: attempt > 1 ? 'retry' : reason,
          at: new Date().toISOString(),
        });
      },
      onDone: (delivered: boolean) => {
        if (delivered) event.delivered = true;
      },
    };
  }
}
