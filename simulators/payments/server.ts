// Payments (Stripe-like) simulator: payment intents and refunds over a secret-key API, and signed
// `payment_intent.succeeded` / `charge.refunded` webhooks with retries and chaos.
import { serve } from '../shared-http';
import type { RunningSim } from '../shared-http';
import { TokenBucket } from '../shared-chaos';
import { Rng, TimerSet } from '../shared-runtime';
import { RequestCounter, dispatcher } from '../shared-server';
import { adminRoutes, defaultChaos } from './admin';
import { apiRoutes, gate } from './api';
import type { PaymentsState } from './api';
import { stripeSender } from './events';
import { IdempotencyStore } from './idempotency';
import { PaymentStore } from './store';

export type { RunningSim };

export interface PaymentsSimOptions {
  /** 0 = ephemeral port. */
  port?: number;
  apiKey: string;
  /** Without a URL events are only logged until POST /_admin/webhook sets one. */
  webhookUrl?: string;
  webhookSecret?: string;
  redelivery?: { maxAttempts: number; baseDelayMs: number; timeoutMs: number };
  seed?: number;
}

export async function startPaymentsSimulator(o: PaymentsSimOptions): Promise<RunningSim> {
  const seed = o.seed ?? 1;
  const timers = new TimerSet();
  const chaosRng = new Rng(seed ^ 0x5eed);
  const redelivery = o.redelivery ?? { maxAttempts: 8, baseDelayMs: 250, timeoutMs: 5000 };
  const endpoint =
    o.webhookUrl === undefined ? undefined : { url: o.webhookUrl, secret: o.webhookSecret ?? '' };
  const state: PaymentsState = {
    apiKey: o.apiKey,
    store: new PaymentStore(new Rng(seed)),
    idempotency: new IdempotencyStore(),
    events: stripeSender(
      { ...redelivery, maxDelayMs: 10_000, concurrency: 16 },
      timers,
      chaosRng,
      endpoint,
    ),
    chaos: defaultChaos(),
    rt: { rng: chaosRng, timers, bucket: new TokenBucket() },
  };
  const counter = new RequestCounter();
  const resetAll = (): void => {
    state.events.reset();
    state.store.reset();
    state.idempotency.reset();
    state.chaos = defaultChaos();
    state.rt.bucket.reset();
  };
  const notFound = {
    error: { type: 'invalid_request_error', message: 'Unrecognized request URL.' },
  };

  return serve(
    o.port ?? 0,
    dispatcher({
      admin: adminRoutes(state, counter, resetAll),
      api: apiRoutes(state),
      gate: (req) => gate(state, req),
      counter,
      notFound,
      methodNotAllowed: notFound,
    }),
    () => {
      timers.close();
      state.events.close();
    },
  );
}
