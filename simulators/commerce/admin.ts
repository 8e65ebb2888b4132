// Admin endpoints: how tests and the demo drive the storefront and read back what happened.
// They are never subject to chaos, so a test can always observe the simulator it is disturbing.
import { HttpError, readJson, sendJson } from '../shared-http';
import type { Route, RouteContext } from '../shared-http';
import { isPlainObject } from '../shared-runtime';
import type { CommerceState } from './api';
import { mergeChaos } from './chaos';
import type { Order } from './orders';

const MAX_ORDERS_PER_CALL = 1000;

function badRequest(message: string): HttpError {
  return new HttpError(400, { error: 'invalid_request', message });
}

function isArrayOf<T>(value: unknown, item: (v: unknown) => v is T): value is T[] {
  return Array.isArray(value) && (value as unknown[]).every(item);
}

async function body(ctx: RouteContext): Promise<Record<string, unknown>> {
  const value = await readJson(ctx.req, { error: 'invalid_json' });
  if (!isPlainObject(value)) throw badRequest('body must be a JSON object');
  return value;
}

async function createOrders(state: CommerceState, ctx: RouteContext): Promise<void> {
  const input = await body(ctx);
  const count = input.count ?? 1;
  const paid = input.paid ?? true;
  const invalidSku = input.invalidSku ?? false;
  if (
    typeof count !== 'number' ||
    !Number.isInteger(count) ||
    count < 1 ||
    count > MAX_ORDERS_PER_CALL
  ) {
    throw badRequest(`count must be an integer between 1 and ${MAX_ORDERS_PER_CALL}`);
  }
  if (typeof paid !== 'boolean') throw badRequest('paid must be a boolean');
  if (typeof invalidSku !== 'boolean') throw badRequest('invalidSku must be a boolean');
  const orders: Order[] = [];
  for (let i = 0; i < count; i++) {
    const order = state.orders.create({ paid, invalidSku });
    orders.push(order);
    if (paid) state.webhooks.emit('orders/paid', order, state.chaos);
  }
  sendJson(ctx.res, 201, { orders });
}

/** Lets a test pay a pending order later, so "created unpaid, paid afterwards" can be exercised. */
function payOrder(state: CommerceState, ctx: RouteContext): void {
  const order = state.orders.get(Number(ctx.params[0]));
  if (!order) throw new HttpError(404, { error: 'not_found' });
  if (order.financial_status !== 'pending') {
    throw new HttpError(409, { error: 'not_pending', financial_status: order.financial_status });
  }
  order.financial_status = 'paid';
  state.orders.touch(order);
  state.webhooks.emit('orders/paid', order, state.chaos);
  sendJson(ctx.res, 200, { order });
}

async function setChaos(state: CommerceState, ctx: RouteContext): Promise<void> {
  const patch = await readJson(ctx.req, { error: 'invalid_json' });
  try {
    state.chaos = mergeChaos(state.chaos, patch);
  } catch (err) {
    throw badRequest(err instanceof Error ? err.message : String(err));
  }
  sendJson(ctx.res, 200, state.chaos);
}

async function redeliver(state: CommerceState, ctx: RouteContext): Promise<void> {
  const input = await body(ctx);
  const eventIds: unknown = input.eventIds ?? [];
  const orderNumbers: unknown = input.orderNumbers ?? [];
  if (!isArrayOf(eventIds, (id): id is string => typeof id === 'string')) {
    throw badRequest('eventIds must be an array of strings');
  }
  if (!isArrayOf(orderNumbers, (n): n is number => Number.isInteger(n))) {
    throw badRequest('orderNumbers must be an array of integers');
  }
  const redelivered = state.webhooks.redeliver(eventIds, orderNumbers);
  sendJson(ctx.res, 200, { redelivered });
}

function listDeliveries(state: CommerceState, { res, url }: RouteContext): void {
  const eventId = url.searchParams.get('eventId');
  const orderNumber = url.searchParams.get('orderNumber');
  const rows = state.webhooks
    .deliveries()
    .filter(
      (d) =>
        (eventId === null || d.eventId === eventId) &&
        (orderNumber === null || d.orderNumber === Number(orderNumber)),
    );
  sendJson(res, 200, rows);
}

export function adminRoutes(state: CommerceState, resetAll: () => void): Route[] {
  const route = (
    method: string,
    path: string,
    handle: (s: CommerceState, ctx: RouteContext) => Promise<void> | void,
  ): Route => ({
    method,
    path: new RegExp(`^/_admin/${path}$`),
    name: `${method} /_admin/${path}`,
    handle: (ctx) => handle(state, ctx),
  });
  return [
    route('POST', 'orders', createOrders),
    route('POST', 'orders/(\\d+)/pay', payOrder),
    route('GET', 'chaos', (s, { res }) => sendJson(res, 200, s.chaos)),
    route('POST', 'chaos', setChaos),
    route('POST', 'redeliver', redeliver),
    route('GET', 'deliveries', listDeliveries),
    route('GET', 'events', (s, { res }) => sendJson(res, 200, s.webhooks.listEvents())),
    route('GET', 'idle', (s, { res }) => {
      const pending = s.webhooks.pending;
      sendJson(res, 200, { idle: pending === 0, pending });
    }),
    route('GET', 'side-effects', (s, { res }) => sendJson(res, 200, s.sideEffects)),
    route('POST', 'reset', (_s, { res }) => {
      resetAll();
      sendJson(res, 200, { reset: true });
    }),
  ];
}
