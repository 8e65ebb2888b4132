// Outbound webhook delivery with retries, used by every simulator that calls back into Waybill.
import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import type { ClientRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { TimerSet } from './shared-runtime';

export interface OutboundRequest {
  url: string;
  headers: Record<string, string>;
  body: Buffer;
}

export interface DeliveryJob {
  /** Built per attempt so a sender may re-sign (Standard Webhooks) or keep bytes fixed (Shopify). */
  request(attempt: number): OutboundRequest;
  /** status is the HTTP status, or 0 for a network error or timeout. */
  onAttempt(attempt: number, status: number): void;
  onDone?(delivered: boolean): void;
}

export interface DeliveryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  timeoutMs: number;
  concurrency: number;
}

interface Item {
  job: DeliveryJob;
  attempt: number;
}

/**
 * A bounded-concurrency queue: bursts of thousands of events must not open thousands of sockets to
 * the receiver, and tests need an exact "nothing pending" signal (pending === 0).
 */
export class DeliveryQueue {
  private ready: Item[] = [];
  private head = 0;
  private active = 0;
  private readonly scheduled = new Set<NodeJS.Timeout>();
  private readonly inFlight = new Set<ClientRequest>();
  // Bumped by reset/close so callbacks of abandoned work cannot record or retry anything.
  private generation = 0;
  private readonly httpAgent: HttpAgent;
  private readonly httpsAgent: HttpsAgent;

  constructor(
    private readonly policy: DeliveryPolicy,
    private readonly timers: TimerSet,
  ) {
    this.httpAgent = new HttpAgent({ keepAlive: true, maxSockets: policy.concurrency });
    this.httpsAgent = new HttpsAgent({ keepAlive: true, maxSockets: policy.concurrency });
  }

  get pending(): number {
    return this.ready.length - this.head + this.scheduled.size + this.active;
  }

  /** holdMs > 0 delays the first attempt (used to make later events overtake earlier ones). */
  enqueue(job: DeliveryJob, holdMs = 0): void {
    if (holdMs > 0) this.schedule(holdMs, { job, attempt: 1 });
    else this.push({ job, attempt: 1 });
  }

  reset(): void {
    this.generation++;
    for (const handle of this.scheduled) this.timers.clear(handle);
    this.scheduled.clear();
    for (const req of this.inFlight) req.destroy();
    this.inFlight.clear();
    this.ready = [];
    this.head = 0;
    this.active = 0;
  }

  close(): void {
    this.reset();
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }

  private push(item: Item): void {
    this.ready.push(item);
    this.pump();
  }

  private schedule(ms: number, item: Item): void {
    const handle = this.timers.timeout(ms, () => {
      this.scheduled.delete(handle as NodeJS.Timeout);
      this.push(item);
    });
    if (handle) this.scheduled.add(handle);
  }

  private pump(): void {
    while (this.active < this.policy.concurrency && this.head < this.ready.length) {
      const item = this.ready[this.head];
      this.head++;
      if (!item) continue;
      this.active++;
      void this.run(item);
    }
    // Compact once drained so a long-running process does not keep every delivered item alive.
    if (this.head > 0 && this.head === this.ready.length) {
      this.ready = [];
      this.head = 0;
    }
  }

  private async run(item: Item): Promise<void> {
    const generation = this.generation;
    let status = 0;
    try {
      status = await this.send(item.job.request(item.attempt));
    } catch {
      status = 0;
    }
    if (generation !== this.generation) return;
    this.active--;
    item.job.onAttempt(item.attempt, status);
    const delivered = status >= 200 && status < 300;
    if (delivered || item.attempt >= this.policy.maxAttempts) {
      item.job.onDone?.(delivered);
    } else {
      const backoff = this.policy.baseDelayMs * 2 ** (item.attempt - 1);
      this.schedule(Math.min(backoff, this.policy.maxDelayMs), {
        job: item.job,
        attempt: item.attempt + 1,
      });
    }
    this.pump();
  }

  private send(out: OutboundRequest): Promise<number> {
    return new Promise((resolve) => {
      const target = new URL(out.url);
      const secure = target.protocol === 'https:';
      const req = (secure ? httpsRequest : httpRequest)(target, {
        method: 'POST',
        headers: { ...out.headers, 'Content-Length': String(out.body.length) },
        agent: secure ? this.httpsAgent : this.httpAgent,
      });
      let settled = false;
      const finish = (status: number): void => {
        if (settled) return;
        settled = true;
        this.timers.clear(timer);
        this.inFlight.delete(req);
        resolve(status);
      };
      // The timeout covers the whole exchange, as a real provider's delivery worker would.
      const timer = this.timers.timeout(this.policy.timeoutMs, () => {
        req.destroy(new Error('delivery timeout'));
        finish(0);
      });
      req.on('response', (res) => {
        res.on('error', () => finish(0));
        res.on('end', () => finish(res.statusCode ?? 0));
        res.resume();
      });
      req.on('error', () => finish(0));
      this.inFlight.add(req);
      req.end(out.body);
    });
  }
}
