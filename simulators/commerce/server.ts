// Commerce (Shopify-like storefront) simulator: orders, signed webhooks with retries and chaos, and
// the REST Admin API subset Waybill reconciles against.
import { matchRoute, sendJson, serve } from '../shared-http';
import type { RunningSim } from '../shared-http';
import { Rng, TimerSet } from '../shared-runtime';
import { apiRoutes } from './api';
import type { CommerceState } from './api';
import { adminRoutes } from './admin';
import { defaultChaos } from './chaos';
import { OrderStore } from './orders';
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
    chaosRng,
    timers,
    sideEffects: [],
  };
  const resetAll = (): void => {
    // Requests still sleeping in chaos latency finish normally; only webhook work is dropped.
    state.webhooks.reset();
    state.orders.reset();
    state.chaos = defaultChaos();
    state.sideEffects = [];
  };
  const routes = [...adminRoutes(state, resetAll), ...apiRoutes(state)];

  return serve(
    o.port ?? 0,
    async (req, res, url) => {
      const match = matchRoute(routes, req.method ?? 'GET', url.pathname);
      if (match.kind === 'not_found') return sendJson(res, 404, { errors: 'Not Found' });
      if (match.kind === 'method_not_allowed') {
        return sendJson(res, 405, { errors: 'Method Not Allowed' });
      }
      await match.route.handle({ req, res, url, params: match.params });
    },
    () => {
      timers.close();
      state.webhooks.close();
    },
  );
}
