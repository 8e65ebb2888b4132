// Dockyard simulator: a 3PL that no Waybill adapter knows, reached only through the generic HTTP
// connection kind. OAuth client credentials with short-lived tokens, shipment orders under an
// optional idempotency header (or none at all), dry runs, cursor-paged windows, signed webhooks.
import { TokenBucket } from '../shared-chaos';
import { serve } from '../shared-http';
import type { RunningSim } from '../shared-http';
import { Rng, TimerSet } from '../shared-runtime';
import { RequestCounter, dispatcher } from '../shared-server';
import { adminRoutes } from './admin';
import { apiRoutes, gate } from './api';
import type { DockyardOptions, DockyardState } from './api';
import { defaultChaos } from './chaos';
import { IdempotencyStore } from './idempotency';
import { TokenStore } from './oauth';
import { OrderStore } from './orders';
import { Workflow, dockSender } from './workflow';

export type { RunningSim };

export interface DockyardSimOptions {
  /** 0 = ephemeral port. */
  port?: number;
  clientId: string;
  clientSecret: string;
  /** Lifetime of issued tokens, default 300. */
  tokenTtlSeconds?: number;
  /** Default true; false ignores Dock-Request-Id (every create makes a record). */
  honourIdempotency?: boolean;
  /** Without a URL, events are only logged until POST /_admin/webhook sets one. */
  webhookUrl?: string;
  webhookSecret?: string;
  /** > 0: open orders step booked → picking → in_transit → delivered on their own. Default 0. */
  workflowStepMs?: number;
  redelivery?: { maxAttempts: number; baseDelayMs: number; timeoutMs: number };
  seed?: number;
}

export async function startDockyardSimulator(o: DockyardSimOptions): Promise<RunningSim> {
  const seed = o.seed ?? 1;
  const timers = new TimerSet();
  const chaosRng = new Rng(seed ^ 0x5eed);
  const initialOptions: DockyardOptions = {
    clientId: o.clientId,
    clientSecret: o.clientSecret,
    tokenTtlSeconds: o.tokenTtlSeconds ?? 300,
    honourIdempotency: o.honourIdempotency ?? true,
  };
  const redelivery = o.redelivery ?? { maxAttempts: 6, baseDelayMs: 250, timeoutMs: 5000 };
  const endpoint =
    o.webhookUrl === undefined ? undefined : { url: o.webhookUrl, secret: o.webhookSecret ?? '' };
  const store = new OrderStore();
  const events = dockSender(
    { ...redelivery, maxDelayMs: 10_000, concurrency: 8 },
    timers,
    chaosRng,
    endpoint,
  );
  const state: DockyardState = {
    options: { ...initialOptions },
    // Separate seeded streams: issuing a token never changes the next event id, and vice versa.
    tokens: new TokenStore(new Rng(seed ^ 0x70c3)),
    store,
    idempotency: new IdempotencyStore(),
    events,
    workflow: new Workflow(
      store.byId,
      events,
      new Rng(seed),
      () => state.chaos,
      o.workflowStepMs ?? 0,
      timers,
    ),
    chaos: defaultChaos(),
    rt: { rng: chaosRng, timers, bucket: new TokenBucket() },
  };
  const counter = new RequestCounter();
  // Tokens stay valid across a reset (oauth.ts says why); only their count starts again.
  const resetAll = (): void => {
    state.options = { ...initialOptions };
    store.reset();
    state.idempotency.reset();
    state.workflow.reset();
    state.events.reset();
    state.tokens.resetCount();
    state.chaos = defaultChaos();
    state.rt.bucket.reset();
  };

  return serve(
    o.port ?? 0,
    dispatcher({
      admin: adminRoutes(state, counter, resetAll),
      api: apiRoutes(state),
      gate: (req) => gate(state, req),
      counter,
      notFound: { code: 'not_found' },
      methodNotAllowed: { code: 'method_not_allowed' },
    }),
    () => {
      timers.close();
      state.events.close();
    },
  );
}
