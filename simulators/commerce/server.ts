// Commerce (Shopify-like storefront) simulator: orders, signed webhooks with retries and chaos, and
// the REST Admin API subset Waybill reconciles against and writes to.
import { serve } from '../shared-http';
import type { RunningSim } from '../shared-http';
import { TokenBucket } from '../shared-chaos';
import { Rng, TimerSet } from '../shared-runtime';
import { RequestCounter, dispatcher } from '../shared-server';
import { apiRoutes, gate } from './api';
import type { CommerceState } from './api';
import { adminRoutes } from './admin';
import { defaultChaos } from './chaos';
import { FulfillmentStore } from './fulfillments';
import { OrderStore } from './orders';
import { RefundLedger } from './refunds';
import { WebhookDispatcher } from './webhooks';

export type { RunningSim };

export interface CommerceSimOptions {
  /** 0 = ephemeral port. */
  port?: number;
  webhookUrl: string;
  webhookSecret: string;
  shopDomain?: string;
  redelivery?: { maxAttempts: number; baseDelayMs: number; timeoutMs: number };
  seed?: number;
  /** default 1001 */
  firstOrderNumber?: number;
}

export async function startCommerceSimulator(o: CommerceSimOptions): Promise<RunningSim> {
  const seed = o.seed ?? 1;
  const timers = new TimerSet();
  // Chaos draws come from their own stream so turning chaos on never changes the generated orders.
  const chaosRng = new Rng(seed ^ 0x5eed);
  const redelivery = o.redelivery ?? { maxAttempts: 8, baseDelayMs: 250, timeoutMs: 5000 };
  const state: CommerceState = {
    orders: new OrderStore(seed, o.firstOrderNumber),
    webhooks: new WebhookDispatcher(
      {
        url: o.webhookUrl,
        secret: o.webhookSecret,
        shopDomain: o.shopDomain ?? 'acme-outfitters.myshopify.com',
        ...redelivery,
      },
      timers,
      chaosRng,
    ),
    chaos: defaultChaos(),
    rt: { rng: chaosRng, timers, bucket: new TokenBucket() },
    bulkSetBucket: new TokenBucket(),
    fulfillments: new FulfillmentStore(),
    inventory: new Map(),
    refunds: new RefundLedger(),
    sideEffects: [],
  };
  const counter = new RequestCounter();
  const resetAll = (): void => {
    // Requests still sleeping in chaos latency finish normally; only webhook work is dropped.
    state.webhooks.reset();
    state.orders.reset();
    state.chaos = defaultChaos();
    state.rt.bucket.reset();
    state.bulkSetBucket.reset();
    state.fulfillments.reset();
    state.inventory.clear();
    state.refunds.reset();
    state.sideEffects = [];
  };

  return serve(
    o.port ?? 0,
    dispatcher({
      admin: adminRoutes(state, counter, resetAll),
      api: apiRoutes(state),
      gate: (req) => gate(state, req),
      counter,
      notFound: { errors: 'Not Found' },
      methodNotAllowed: { errors: 'Method Not Allowed' },
    }),
    () => {
      timers.close();
      state.webhooks.close();
    },
  );
}
