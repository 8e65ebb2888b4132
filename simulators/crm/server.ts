// CRM simulator: contacts upserted by email (naturally idempotent), name validation, write
// conflicts as chaos, and a changes feed for reconciliation.
import { serve } from '../shared-http';
import type { RunningSim } from '../shared-http';
import { TokenBucket } from '../shared-chaos';
import { Rng, TimerSet } from '../shared-runtime';
import { RequestCounter, dispatcher } from '../shared-server';
import { adminRoutes, defaultChaos } from './admin';
import { apiRoutes, gate } from './api';
import type { CrmState } from './api';
import { ContactStore } from './contacts';

export type { RunningSim };

export interface CrmSimOptions {
  /** 0 = ephemeral port. */
  port?: number;
  apiKey: string;
  seed?: number;
}

export async function startCrmSimulator(o: CrmSimOptions): Promise<RunningSim> {
  const timers = new TimerSet();
  const state: CrmState = {
    apiKey: o.apiKey,
    store: new ContactStore(),
    chaos: defaultChaos(),
    rt: { rng: new Rng((o.seed ?? 1) ^ 0x5eed), timers, bucket: new TokenBucket() },
  };
  const counter = new RequestCounter();
  const resetAll = (): void => {
    state.store.reset();
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
