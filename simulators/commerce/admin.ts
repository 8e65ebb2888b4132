// Admin endpoints: how tests and the demo drive the storefront and read back what happened.
// They are never subject to chaos, so a test can always observe the simulator it is disturbing.
import { HttpError, sendJson } from '../shared-http';
import { isPlainObject } from '../shared-runtime';
import type { Route, RouteContext } from '../shared-http';
import { adminRoute, badRequest, readObject, standardAdminRoutes } from '../shared-server';
import type { RequestCounter } from '../shared-server';
import type { CommerceState } from './api';
import { mergeChaos } from './chaos';
import type { Order } from './orders';
import { refundOrder } from './refunds';

const MAX_ORDERS_PER_CALL = 1000;
/** One reconciliation window of the bench (bench/reconciliation.ts); a bound on memory, too. */
const MAX_SEEDED_ORDERS_PER_CALL = 100_000;

function isArrayOf<T>(value: unknown, item: (v: unknown) => v is T): value is T[] {
  return Array.isArray(value) && (value as unknown[]).every(item);
}

function findOrder(state: CommerceState, ctx: RouteContext): Order {
  const order = state.orders.get(Number(ctx.params[0]));
  if (!order) throw new HttpError(404, { error: 'not_found' });
  return order;
}

/** `returning: { email, firstName, lastName }`: orders of one customer (a repeat buyer). */
function returningCustomer(value: unknown) {
  if (value === undefined) return undefined;
  if (!isPlainObject(value)) throw badRequest('returning must be { email, firstName, lastName }');
  const { email, firstName, lastName } = value;
  if (
    typeof email !== 'string' ||
    !email.includes('@') ||
    typeof firstName !== 'string' ||
    typeof lastName !== 'string'
  )
    throw badRequest('returning must be { email, firstName, lastName }');
  return { email, firstName, lastName };
}

async function createOrders(state: CommerceState, ctx: RouteContext): Promise<void> {
  const input = await readObject(ctx);
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
  const returning = returningCustomer(input.returning);
  const orders: Order[] = [];
  for (let i = 0; i < count; i++) {
    const order = state.orders.create({ paid, invalidSku, ...(returning && { returning }) });
    orders.push(order);
    if (paid) state.webhooks.emit('orders/paid', order.order_number, order, state.chaos);
  }
  sendJson(ctx.res, 201, { orders });
}

/**
 * Paid orders that exist at the storefront without any webhook (as if imported before Waybill
 * subscribed): the bench's reconciliation window. Answers the id range, not 100,000 orders.
 */
async function seedOrders(state: CommerceState, ctx: RouteContext): Promise<void> {
  const count = (await readObject(ctx)).count;
  if (
    typeof count !== 'number' ||
    !Number.isInteger(count) ||
    count < 1 ||
    count > MAX_SEEDED_ORDERS_PER_CALL
  ) {
    throw badRequest(`count must be an integer between 1 and ${MAX_SEEDED_ORDERS_PER_CALL}`);
  }
  let first: Order | undefined;
  let last: Order | undefined;
  for (let i = 0; i < count; i++) {
    last = state.orders.create({ paid: true, invalidSku: false });
    first ??= last;
  }
  sendJson(ctx.res, 201, {
    seeded: count,
    first: { id: first?.id, order_number: first?.order_number },
    last: { id: last?.id, order_number: last?.order_number },
  });
}

/** Lets a test pay a pending order later, so "created unpaid, paid afterwards" can be exercised. */
function payOrder(state: CommerceState, ctx: RouteContext): void {
  const order = findOrder(state, ctx);
  if (order.financial_status !== 'pending') {
    throw new HttpError(409, { error: 'not_pending', financial_status: order.financial_status });
  }
  order.financial_status = 'paid';
  state.orders.touch(order);
  state.webhooks.emit('orders/paid', order.order_number, order, state.chaos);
  sendJson(ctx.res, 200, { order });
}

async function refund(state: CommerceState, ctx: RouteContext): Promise<void> {
  const order = findOrder(state, ctx);
  const input = await readObject(ctx);
  sendJson(ctx.res, 201, { refund: refundOrder(state, order, input.amount) });
}

async function redeliver(state: CommerceState, ctx: RouteContext): Promise<void> {
  const input = await readObject(ctx);
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

export function adminRoutes(
  state: CommerceState,
  counter: RequestCounter,
  resetAll: () => void,
): Route[] {
  const bind = (fn: (s: CommerceState, ctx: RouteContext) => Promise<void> | void) => {
    return (ctx: RouteContext) => fn(state, ctx);
  };
  return [
    adminRoute('POST', 'orders', bind(createOrders)),
    adminRoute('POST', 'seed-orders', bind(seedOrders)),
    adminRoute('POST', 'orders/(\\d+)/pay', bind(payOrder)),
    adminRoute('POST', 'orders/(\\d+)/refund', bind(refund)),
    adminRoute('POST', 'redeliver', bind(redeliver)),
    adminRoute('GET', 'deliveries', bind(listDeliveries)),
    adminRoute('GET', 'events', ({ res }) => sendJson(res, 200, state.webhooks.listEvents())),
    adminRoute('GET', 'idle', ({ res }) => {
      const pending = state.webhooks.pending;
      sendJson(res, 200, { idle: pending === 0, pending });
    }),
    adminRoute('GET', 'inventory', ({ res }) =>
      sendJson(res, 200, Object.fromEntries(state.inventory)),
    ),
    ...standardAdminRoutes({
      getChaos: () => state.chaos,
      mergeChaos: (patch) => (state.chaos = mergeChaos(state.chaos, patch)),
      sideEffects: () => state.sideEffects,
      counter,
      reset: resetAll,
    }),
  ];
}
