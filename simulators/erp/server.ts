// ERP simulator: sales orders, payments and credit memos without idempotency keys, a strict rate
// limit, a batch endpoint, an inventory export and drift injection for reconciliation.
import { serve } from '../shared-http';
import type { RunningSim } from '../shared-http';
import { TokenBucket } from '../shared-chaos';
import { Rng, TimerSet } from '../shared-runtime';
import { RequestCounter, dispatcher } from '../shared-server';
import { adminRoutes, defaultChaos } from './admin';
import { apiRoutes, gate } from './api';
import type { ErpState } from './api';
import { ErpInventory } from './inventory';
import { ErpStore } from './records';

export type { RunningSim };

export interface ErpSimOptions {
  /** 0 = ephemeral port. */
  port?: number;
  apiKey: string;
  seed?: number;
}

export async function startErpSimulator(o: ErpSimOptions): Promise<RunningSim> {
  const seed = o.seed ?? 1;
  const timers = new TimerSet();
  const state: ErpState = {
    apiKey: o.apiKey,
    store: new ErpStore(),
    inventory: new ErpInventory(seed),
    chaos: defaultChaos(),
    rt: { rng: new Rng(seed ^ 0x5eed), timers, bucket: new TokenBucket() },
  };
  const counter = new RequestCounter();
  const resetAll = (): void => {
    state.store.reset();
    state.inventory.reset();
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
      notFound: { error: 'not_found' },
      methodNotAllowed: { error: 'method_not_allowed' },
    }),
    () => timers.close(),
  );
}
