// Warehouse (WMS) simulator: idempotent fulfilment creation, a timed status workflow with signed
// shipment webhooks, and the failure modes of a real WMS (slow, 5xx, timeout after success, ...).
import { serve } from '../shared-http';
import type { RunningSim } from '../shared-http';
import { TokenBucket } from '../shared-chaos';
import { Rng, TimerSet } from '../shared-runtime';
import { RequestCounter, dispatcher } from '../shared-server';
import { adminRoutes } from './admin';
import { apiRoutes, applyGateway } from './api';
import type { WarehouseState } from './api';
import { defaultChaos } from './chaos';
import { FulfilmentStore } from './fulfilments';
import { Workflow } from './workflow';

export type { RunningSim };

export interface WarehouseSimOptions {
  port?: number;
  apiToken: string;
  /** 0 = statuses advance only via the admin endpoint. */
  workflowStepMs?: number;
  seed?: number;
}

export async function startWarehouseSimulator(o: WarehouseSimOptions): Promise<RunningSim> {
  const seed = o.seed ?? 1;
  const timers = new TimerSet();
  const store = new FulfilmentStore();
  const state: WarehouseState = {
    apiToken: o.apiToken,
    store,
    workflow: new Workflow(store.byId, o.workflowStepMs ?? 3000, timers, new Rng(seed)),
    chaos: defaultChaos(),
    rt: { rng: new Rng(seed ^ 0x5eed), timers, bucket: new TokenBucket() },
  };
  const counter = new RequestCounter();
  const resetAll = (): void => {
    store.reset();
    state.workflow.reset();
    state.chaos = defaultChaos();
    state.rt.bucket.reset();
  };

  return serve(
    o.port ?? 0,
    dispatcher({
      admin: adminRoutes(state, counter, resetAll),
      api: apiRoutes(state),
      gate: (req) => applyGateway(state, req),
      counter,
      notFound: { error: 'not_found' },
      methodNotAllowed: { error: 'method_not_allowed' },
    }),
    () => {
      timers.close();
      state.workflow.close();
    },
  );
}
