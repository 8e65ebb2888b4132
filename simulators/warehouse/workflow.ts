// The WMS status workflow and its shipment webhooks (signed per the Standard Webhooks spec).
import { createHmac, randomUUID } from 'node:crypto';
import { DeliveryQueue } from '../shared-delivery';
import type { Rng, TimerSet } from '../shared-runtime';
import type { Fulfilment, FulfilmentStatus } from './fulfilments';

const NEXT: Partial<Record<FulfilmentStatus, FulfilmentStatus>> = {
  CREATED: 'QUEUED',
  QUEUED: 'PROCESSING',
  PROCESSING: 'SENT',
  SENT: 'ACKNOWLEDGED',
  ACKNOWLEDGED: 'COMPLETE',
};
const CARRIERS = ['DHL', 'UPS', 'PostNL', 'DPD', 'GLS'] as const;

export interface WebhookConfig {
  url: string;
  secret: string;
  key: Buffer;
}

export interface WebhookDeliveryRecord {
  msgId: string;
  fulfilmentId: string;
  status: string;
  attempt: number;
  httpStatus: number;
  at: string;
}

/** Parses "whsec_<base64>" into the raw HMAC key, or undefined if malformed. */
export function parseSecret(secret: string): Buffer | undefined {
  if (!secret.startsWith('whsec_')) return undefined;
  const b64 = secret.slice('whsec_'.length);
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(b64)) return undefined;
  const key = Buffer.from(b64, 'base64');
  return key.length > 0 ? key : undefined;
}

export function signStandardWebhook(
  key: Buffer,
  id: string,
  timestamp: number,
  body: string,
): string {
  return `v1,${createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
}

export class InvalidTransition extends Error {}

/**
 * One interval ticks through the fulfilments that still have steps left. `due` keeps insertion
 * order equal to due-time order (entries are re-inserted with now + stepMs), so a tick stops at the
 * first entry that is not due yet and costs O(due), not O(all fulfilments).
 */
export class Workflow {
  private readonly due = new Map<string, number>();
  private webhook: WebhookConfig | undefined;
  private deliveries: WebhookDeliveryRecord[] = [];
  private readonly queue: DeliveryQueue;

  constructor(
    private readonly byId: ReadonlyMap<string, Fulfilment>,
    private readonly stepMs: number,
    private readonly timers: TimerSet,
    private readonly rng: Rng,
  ) {
    this.queue = new DeliveryQueue(
      { maxAttempts: 5, baseDelayMs: 500, maxDelayMs: 10_000, timeoutMs: 5000, concurrency: 8 },
      timers,
    );
    if (stepMs > 0) {
      this.timers.interval(Math.min(1000, Math.max(10, Math.floor(stepMs / 5))), () => this.tick());
    }
  }

  get pending(): number {
    return this.queue.pending;
  }

  get webhookUrl(): string | null {
    return this.webhook?.url ?? null;
  }

  webhookDeliveries(): readonly WebhookDeliveryRecord[] {
    return this.deliveries;
  }

  configureWebhook(config: WebhookConfig | undefined): void {
    this.webhook = config;
  }

  track(f: Fulfilment): void {
    if (this.stepMs > 0) this.due.set(f.id, Date.now() + this.stepMs);
  }

  advance(f: Fulfilment): void {
    const next = NEXT[f.status];
    if (!next) throw new InvalidTransition(`cannot advance a fulfilment in status ${f.status}`);
    f.status = next;
    if (next === 'SENT') {
      f.carrier = this.rng.pick(CARRIERS);
      f.tracking_number = `TRK${this.rng.digits(10)}`;
    }
    this.touch(f);
    this.due.delete(f.id);
    if (NEXT[next]) this.track(f);
  }

  fail(f: Fulfilment, reason: string): void {
    if (f.status === 'COMPLETE' || f.status === 'ERROR') {
      throw new InvalidTransition(`cannot fail a fulfilment in status ${f.status}`);
    }
    f.status = 'ERROR';
    f.error_reason = reason;
    this.due.delete(f.id);
    this.touch(f);
  }

  reset(): void {
    this.due.clear();
    this.webhook = undefined;
    this.deliveries = [];
    this.queue.reset();
  }

  close(): void {
    this.queue.close();
  }

  private tick(): void {
    const now = Date.now();
    for (const [id, at] of this.due) {
      if (at > now) break;
      const f = this.byId.get(id);
      if (f) this.advance(f);
      else this.due.delete(id);
    }
  }

  private touch(f: Fulfilment): void {
    f.updated_at = new Date().toISOString();
    this.notify(f);
  }

  private notify(f: Fulfilment): void {
    const hook = this.webhook;
    if (!hook) return;
    const msgId = `msg_${randomUUID().replaceAll('-', '')}`;
    const snapshot = structuredClone(f);
    const body = JSON.stringify({
      type: 'fulfilment.status_changed',
      timestamp: snapshot.updated_at,
      data: { fulfilment: snapshot },
    });
    this.queue.enqueue({
      // Re-signed per attempt: the timestamp must be fresh or receivers reject it as a replay.
      request: () => {
        const ts = Math.floor(Date.now() / 1000);
        return {
          url: hook.url,
          body: Buffer.from(body),
          headers: {
            'Content-Type': 'application/json',
            'webhook-id': msgId,
            'webhook-timestamp': String(ts),
            'webhook-signature': signStandardWebhook(hook.key, msgId, ts, body),
          },
        };
      },
      onAttempt: (attempt, httpStatus) => {
        this.deliveries.push({
          msgId,
          fulfilmentId: snapshot.id,
          status: snapshot.status,
          attempt,
          httpStatus,
          at: new Date().toISOString(),
        });
      },
    });
  }
}
