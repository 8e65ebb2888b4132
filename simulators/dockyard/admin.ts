// Admin endpoints of Dockyard: the side-effect log and records, state moves, tokens, options, the
// webhook endpoint and its deliveries, plus the standard chaos/requests/reset. Never behind auth
// or chaos.
import { HttpError, sendJson } from '../shared-http';
import type { Route, RouteContext } from '../shared-http';
import { integer } from '../shared-chaos';
import { flag } from '../shared-runtime';
import { adminRoute, badRequest, readObject, standardAdminRoutes } from '../shared-server';
import type { RequestCounter } from '../shared-server';
import type { DockyardState } from './api';
import { mergeChaos } from './chaos';
import { STATES } from './orders';
import type { ShipmentState } from './orders';
import { InvalidTransition, nextState } from './workflow';

async function advance(state: DockyardState, ctx: RouteContext): Promise<void> {
  const order = state.store.byId.get(ctx.params[0] ?? '');
  if (!order) throw new HttpError(404, { code: 'not_found' });
  const body = await readObject(ctx);
  let to: ShipmentState | undefined;
  if (body.state === undefined) {
    to = nextState(order.state);
    if (!to) throw badRequest(`state is required to leave ${order.state}`);
  } else {
    to = STATES.find((s) => s === body.state);
    if (!to) throw badRequest(`state must be one of ${STATES.join(', ')}`);
  }
  try {
    state.workflow.move(order, to);
  } catch (err) {
    if (!(err instanceof InvalidTransition)) throw err;
    throw new HttpError(409, {
      code: 'invalid_transition',
      state: order.state,
      message: err.message,
    });
  }
  sendJson(ctx.res, 200, { data: order });
}

/** Partial update of the options the simulator was started with; reset restores those. */
async function setOptions(state: DockyardState, ctx: RouteContext): Promise<void> {
  const body = await readObject(ctx);
  const next = { ...state.options };
  try {
    for (const [key, value] of Object.entries(body)) {
      if (key === 'honourIdempotency') next.honourIdempotency = flag(value, key);
      else if (key === 'tokenTtlSeconds') next.tokenTtlSeconds = integer(value, key, 1, 86_400);
      else throw new TypeError(`unknown option: ${key}`);
    }
  } catch (err) {
    throw badRequest(err instanceof Error ? err.message : String(err));
  }
  state.options = next;
  sendJson(ctx.res, 200, publicOptions(state));
}

const publicOptions = (s: DockyardState) => ({
  honourIdempotency: s.options.honourIdempotency,
  tokenTtlSeconds: s.options.tokenTtlSeconds,
});

async function setWebhook(state: DockyardState, ctx: RouteContext): Promise<void> {
  const body = await readObject(ctx);
  if (body.url === null) {
    state.events.configure(undefined);
    return sendJson(ctx.res, 200, { url: null });
  }
  if (typeof body.url !== 'string' || !/^https?:\/\//.test(body.url)) {
    throw badRequest('url must be an http(s) URL, or null to stop delivering');
  }
  if (typeof body.secret !== 'string' || body.secret === '') {
    throw badRequest('secret must be a non-empty string');
  }
  state.events.configure({ url: body.url, secret: body.secret });
  sendJson(ctx.res, 200, { url: body.url });
}

export function adminRoutes(
  state: DockyardState,
  counter: RequestCounter,
  resetAll: () => void,
): Route[] {
  const route = (
    method: string,
    path: string,
    fn: (s: DockyardState, ctx: RouteContext) => Promise<void> | void,
  ): Route => adminRoute(method, path, (ctx) => fn(state, ctx));
  return [
    route('GET', 'log', (s, { res }) => sendJson(res, 200, s.store.log)),
    route('GET', 'records', (s, { res }) => sendJson(res, 200, s.store.all())),
    route('POST', 'advance/([^/]+)', advance),
    route('GET', 'tokens', (s, { res }) => sendJson(res, 200, s.tokens.stats())),
    route('POST', 'expire-tokens', (s, { res }) =>
      sendJson(res, 200, { expired: s.tokens.expireAll() }),
    ),
    route('GET', 'options', (s, { res }) => sendJson(res, 200, publicOptions(s))),
    route('POST', 'options', setOptions),
    route('GET', 'webhook', (s, { res }) => sendJson(res, 200, { url: s.events.url })),
    route('POST', 'webhook', setWebhook),
    route('GET', 'events', (s, { res }) => sendJson(res, 200, s.events.events())),
    route('GET', 'deliveries', (s, { res, url }) => {
      const eventId = url.searchParams.get('eventId');
      const rows = s.events.deliveries().filter((d) => !eventId || d.eventId === eventId);
      sendJson(res, 200, rows);
    }),
    route('GET', 'idle', (s, { res }) => {
      const pending = s.events.pending;
      sendJson(res, 200, { idle: pending === 0, pending });
    }),
    ...standardAdminRoutes({
      getChaos: () => state.chaos,
      mergeChaos: (patch) => (state.chaos = mergeChaos(state.chaos, patch)),
      sideEffects: () => state.store.log,
      counter,
      reset: resetAll,
    }),
  ];
}
