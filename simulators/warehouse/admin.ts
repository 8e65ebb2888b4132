// Admin endpoints of the warehouse: drive the workflow, set chaos, read side effects. Never behind
// auth or chaos, so a test can always observe the simulator it is disturbing.
import { HttpError, readJson, sendJson } from '../shared-http';
import type { Route, RouteContext } from '../shared-http';
import { isPlainObject } from '../shared-runtime';
import { adminRoute, badRequest, standardAdminRoutes } from '../shared-server';
import type { RequestCounter } from '../shared-server';
import type { WarehouseState } from './api';
import { mergeChaos } from './chaos';
import type { Fulfilment } from './fulfilments';
import { InvalidTransition, parseSecret } from './workflow';

function find(state: WarehouseState, ctx: RouteContext): Fulfilment {
  const f = state.store.byId.get(ctx.params[0] ?? '');
  if (!f) throw new HttpError(404, { error: 'not_found' });
  return f;
}

function transition(res: RouteContext['res'], f: Fulfilment, change: () => void): void {
  try {
    change();
  } catch (err) {
    if (err instanceof InvalidTransition) {
      throw new HttpError(409, {
        error: 'invalid_transition',
        status: f.status,
        message: err.message,
      });
    }
    throw err;
  }
  sendJson(res, 200, f);
}

async function fail(state: WarehouseState, ctx: RouteContext): Promise<void> {
  const f = find(state, ctx);
  const body = await readJson(ctx.req, { error: 'invalid_json' });
  const reason =
    isPlainObject(body) && typeof body.reason === 'string' ? body.reason : 'failed by admin';
  transition(ctx.res, f, () => state.workflow.fail(f, reason));
}

async function setWebhook(state: WarehouseState, ctx: RouteContext): Promise<void> {
  const body = await readJson(ctx.req, { error: 'invalid_json' });
  if (!isPlainObject(body)) throw badRequest('body must be a JSON object');
  if (body.url === null) {
    state.workflow.configureWebhook(undefined);
    return sendJson(ctx.res, 200, { url: null });
  }
  if (typeof body.url !== 'string' || !/^https?:\/\//.test(body.url)) {
    throw badRequest('url must be an http(s) URL, or null to disable');
  }
  const key = typeof body.secret === 'string' ? parseSecret(body.secret) : undefined;
  if (!key || typeof body.secret !== 'string')
    throw badRequest('secret must look like whsec_<base64>');
  state.workflow.configureWebhook({ url: body.url, secret: body.secret, key });
  sendJson(ctx.res, 200, { url: body.url });
}

export function adminRoutes(
  state: WarehouseState,
  counter: RequestCounter,
  resetAll: () => void,
): Route[] {
  const route = (
    method: string,
    path: string,
    handle: (s: WarehouseState, ctx: RouteContext) => Promise<void> | void,
  ): Route => adminRoute(method, path, (ctx) => handle(state, ctx));
  return [
    route('POST', 'fulfilments/([^/]+)/advance', (s, ctx) => {
      const f = find(s, ctx);
      transition(ctx.res, f, () => s.workflow.advance(f));
    }),
    route('POST', 'fulfilments/([^/]+)/fail', fail),
    route('GET', 'webhook', (s, { res }) =>
      sendJson(res, 200, {
        url: s.workflow.webhookUrl,
        deliveries: s.workflow.webhookDeliveries(),
      }),
    ),
    route('POST', 'webhook', setWebhook),
    route('GET', 'idle', (s, { res }) => {
      const pending = s.workflow.pending;
      sendJson(res, 200, { idle: pending === 0, pending });
    }),
    ...standardAdminRoutes({
      getChaos: () => state.chaos,
      mergeChaos: (patch) => (state.chaos = mergeChaos(state.chaos, patch)),
      sideEffects: () => state.store.sideEffects,
      counter,
      reset: resetAll,
    }),
  ];
}
