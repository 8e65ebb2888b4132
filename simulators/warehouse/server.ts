// Warehouse (WMS) simulator: idempotent fulfilment creation, a timed status workflow with signed
// shipment webhooks, and the failure modes of a real WMS (slow, 5xx, timeout after success, ...).
import { matchRoute, sendJson, serve } from '../shared-http';
import type { RunningSim } from '../shared-http';
import { Rng, TimerSet } from '../shared-runtime';
import { adminRoutes } from './admin';
import type { RequestCount } from './admin';
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
    chaosRng: new Rng(seed ^ 0x5eed),
    timers,
  };
  const counts = new Map<string, RequestCount>();
  const countRequest = (route: string, status: number): void => {
    const key = `${route} ${status}`;
    const row = counts.get(key) ?? { route, status, count: 0 };
    row.count++;
    counts.set(key, row);
  };
  const resetAll = (): void => {
    store.reset();
    state.workflow.reset();
    state.chaos = defaultChaos();
    counts.clear();
  };
  const api = apiRoutes(state);
  const admin = adminRoutes(state, () => [...counts.values()], resetAll);
  let requestSeq = 0;

  return serve(
    o.port ?? 0,
    async (req, res, url) => {
      const method = req.method ?? 'GET';
      if (url.pathname.startsWith('/_admin/')) {
        const match = matchRoute(admin, method, url.pathname);
        if (match.kind !== 'found') return sendJson(res, 404, { error: 'not_found' });
        return match.route.handle({ req, res, url, params: match.params });
      }
      const match = matchRoute(api, method, url.pathname);
      const name = match.kind === 'found' ? match.route.name : `${method} (unmatched)`;
      res.setHeader('X-Request-Id', `req_${++requestSeq}`);
      // Counted when the exchange ends; 0 means the client never got an answer (timeout after success).
      res.once('close', () => countRequest(name, res.writableFinished ? res.statusCode : 0));
      await applyGateway(state, req);
      if (match.kind === 'not_found') return sendJson(res, 404, { error: 'not_found' });
      if (match.kind === 'method_not_allowed')
        return sendJson(res, 405, { error: 'method_not_allowed' });
      await match.route.handle({ req, res, url, params: match.params });
    },
    () => {
      timers.close();
      state.workflow.close();
    },
  );
}
