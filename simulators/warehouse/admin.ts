// Admin endpoints of the warehouse: drive the workflow, set chaos, read side effects. Never behind
// auth or chaos, so a test can always observe the simulator it is disturbing.
import { HttpError, readJson, sendJson } from '../shared-http';
import type { Route, RouteContext } from '../shared-http';
import { isPlainObject } from '../shared-runtime';
import type { WarehouseState } from './api';
import { mergeChaos } from './chaos';
import type { Fulfilment } from './fulfilments';
import { InvalidTransition, parseSecret } from './workflow';

export interface RequestCount {
  route: string;
  status: number;
  count: number;
}

function badRequest(message: string): HttpError {
  return new HttpError(400, { error: 'invalid_request', message });
}

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

async function setChaos(state: WarehouseState, ctx: RouteContext): Promise<void> {
  const patch = await readJson(ctx.req, { error: 'invalid_json' });
  try {
    state.chaos = mergeChaos(state.chaos, patch);
  } catch (err) {
    throw badRequest(err instanceof Error ? err.message : String(err));
  }
  sendJson(ctx.res, 200, state.chaos);
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
  counts: () => RequestCount[],
  resetAll: () => void,
): Route[] {
  const route = (
    method: string,
    path: string,
    handle: (s: WarehouseState, ctx: RouteContext) => Promise<void> | void,
  ): Route => ({
    method,
    path: new RegExp(`^/_admin/${path}$`),
    name: `${method} /_admin/${path}`,
    handle: (ctx) => handle(state, ctx),
  });
  return [
    route('POST', 'fulfilments/([^/]+)/advance', (s, ctx) => {
      const f = find(s, ctx);
      transition(ctx.res, f, () => s.workflow.advance(f));
    }),
    route('POST', 'fulfilments/([^/]+)/fail', fail),
    route('GET', 'chaos', (s, { res }) => sendJson(res, 200, s.chaos)),
    route('POST', 'chaos', setChaos),
    route('GET', 'webhook', (s, { res }) =>
      sendJson(res, 200, {
        url: s.workflow.webhookUrl,
        deliveries: s.workflow.webhookDeliveries(),
      }),
    ),
    route('POST', 'webhook', setWebhook),
    route('GET', 'side-effects', (s, { res }) => sendJson(res, 200, s.store.sideEffects)),
    route('GET', 'requests', (_s, { res }) => sendJson(res, 200, counts())),
    route('GET', 'idle', (s, { res }) => {
      const pending = s.workflow.pending;
      sendJson(res, 200, { idle: pending === 0, pending });
    }),
    route('POST', 'reset', (_s, { res }) => {
      resetAll();
      sendJson(res, 200, { reset: true });
    }),
  ];
}
