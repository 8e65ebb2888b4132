// The storefront's REST Admin API subset Waybill uses: list/get orders (for reconciliation) and
// create fulfillments (tracking numbers flowing back from the warehouse).
import {
  HttpError,
  decodeCursor,
  encodeCursor,
  queryInt,
  queryTime,
  readJson,
  sendJson,
} from '../shared-http';
import type { Route, RouteContext } from '../shared-http';
import { isPlainObject, latencyMs } from '../shared-runtime';
import type { Rng, TimerSet } from '../shared-runtime';
import type { CommerceChaos } from './chaos';
import type { OrderStore } from './orders';
import { API_VERSION } from './webhooks';
import type { WebhookDispatcher } from './webhooks';

export interface FulfillmentSideEffect {
  kind: 'fulfillment.updated';
  orderId: number;
  trackingNumber: string;
  trackingCompany: string | null;
  fulfillmentId: number;
  at: string;
}

export interface CommerceState {
  orders: OrderStore;
  webhooks: WebhookDispatcher;
  chaos: CommerceChaos;
  chaosRng: Rng;
  timers: TimerSet;
  sideEffects: FulfillmentSideEffect[];
}

const PREFIX = `/admin/api/${API_VERSION}`;
const esc = (s: string): string => s.replace(/[.]/g, '\\.');
const FULFILLMENT_ID_BASE = 5_200_000_000_000;

interface OrderCursor {
  after: number;
  min?: number;
  max?: number;
}

function parseCursor(raw: string): OrderCursor | undefined {
  const value = decodeCursor(raw);
  if (!isPlainObject(value) || typeof value.after !== 'number') return undefined;
  const min = typeof value.min === 'number' ? value.min : undefined;
  const max = typeof value.max === 'number' ? value.max : undefined;
  return {
    after: value.after,
    ...(min !== undefined && { min }),
    ...(max !== undefined && { max }),
  };
}

/** Latency, 429 and 500 apply before the handler runs, so a failed call never has a side effect. */
async function applyApiChaos(state: CommerceState): Promise<void> {
  const { chaos, chaosRng } = state;
  await state.timers.delay(latencyMs(chaosRng, chaos.apiLatencyMs));
  if (chaosRng.chance(chaos.apiRateLimitRate)) {
    throw new HttpError(
      429,
      {
        errors:
          'Exceeded 2 calls per second for api client. Reduce request rates to resume uninterrupted service.',
      },
      { 'Retry-After': '1' },
    );
  }
  if (chaosRng.chance(chaos.apiErrorRate)) {
    throw new HttpError(500, { errors: 'Internal Server Error' });
  }
}

function listOrders(state: CommerceState, { req, res, url }: RouteContext): void {
  const limit = queryInt(url, 'limit', 50, 1, 250);
  if (limit === undefined)
    throw new HttpError(400, { errors: { limit: ['must be between 1 and 250'] } });
  const pageInfo = url.searchParams.get('page_info');
  let cursor: OrderCursor;
  if (pageInfo) {
    // As in Shopify, filters travel inside the cursor; filter params sent alongside it are ignored.
    const parsed = parseCursor(pageInfo);
    if (!parsed) throw new HttpError(400, { errors: { page_info: ['Invalid value.'] } });
    cursor = parsed;
  } else {
    const min = queryTime(url, 'updated_at_min');
    const max = queryTime(url, 'updated_at_max');
    if (min === null) throw new HttpError(400, { errors: { updated_at_min: ['Invalid value.'] } });
    if (max === null) throw new HttpError(400, { errors: { updated_at_max: ['Invalid value.'] } });
    cursor = { after: 0, ...(min !== undefined && { min }), ...(max !== undefined && { max }) };
  }
  const page = state.orders.page({
    afterId: cursor.after,
    limit,
    ...(cursor.min !== undefined && { updatedMin: cursor.min }),
    ...(cursor.max !== undefined && { updatedMax: cursor.max }),
  });
  const headers: Record<string, string> = {};
  if (page.nextAfterId !== undefined) {
    const next = encodeCursor({ ...cursor, after: page.nextAfterId });
    const host = req.headers.host ?? '127.0.0.1';
    headers.Link = `<http://${host}${PREFIX}/orders.json?limit=${limit}&page_info=${next}>; rel="next"`;
  }
  sendJson(res, 200, { orders: page.orders }, headers);
}

function getOrder(state: CommerceState, { res, params }: RouteContext): void {
  const order = state.orders.get(Number(params[0]));
  if (!order) throw new HttpError(404, { errors: 'Not Found' });
  sendJson(res, 200, { order });
}

async function createFulfillment(
  state: CommerceState,
  { req, res, params }: RouteContext,
): Promise<void> {
  const order = state.orders.get(Number(params[0]));
  if (!order) throw new HttpError(404, { errors: 'Not Found' });
  const body = await readJson(req, { errors: 'Invalid JSON in request body' });
  const input = isPlainObject(body) ? body.fulfillment : undefined;
  const tracking = isPlainObject(input) ? input.tracking_number : undefined;
  const company = isPlainObject(input) ? input.tracking_company : undefined;
  if (typeof tracking !== 'string' || tracking.trim() === '') {
    throw new HttpError(422, { errors: { tracking_number: ["can't be blank"] } });
  }
  if (company !== undefined && company !== null && typeof company !== 'string') {
    throw new HttpError(422, { errors: { tracking_company: ['must be a string'] } });
  }
  // Idempotent per (order, tracking number): a retried update must not add a second fulfillment.
  const existing = state.sideEffects.find(
    (e) => e.orderId === order.id && e.trackingNumber === tracking,
  );
  const effect: FulfillmentSideEffect = existing ?? {
    kind: 'fulfillment.updated',
    orderId: order.id,
    trackingNumber: tracking,
    trackingCompany: company ?? null,
    fulfillmentId: FULFILLMENT_ID_BASE + state.sideEffects.length + 1,
    at: new Date().toISOString(),
  };
  if (!existing) {
    state.sideEffects.push(effect);
    order.fulfillment_status = 'fulfilled';
    state.orders.touch(order);
  }
  sendJson(res, existing ? 200 : 201, {
    fulfillment: {
      id: effect.fulfillmentId,
      order_id: order.id,
      status: 'success',
      tracking_number: effect.trackingNumber,
      tracking_company: effect.trackingCompany,
      created_at: effect.at,
    },
  });
}

export function apiRoutes(state: CommerceState): Route[] {
  const withChaos =
    (fn: (s: CommerceState, ctx: RouteContext) => Promise<void> | void) =>
    async (ctx: RouteContext): Promise<void> => {
      await applyApiChaos(state);
      await fn(state, ctx);
    };
  return [
    {
      method: 'GET',
      path: new RegExp(`^${esc(PREFIX)}/orders\\.json$`),
      name: 'GET orders.json',
      handle: withChaos(listOrders),
    },
    {
      method: 'GET',
      path: new RegExp(`^${esc(PREFIX)}/orders/(\\d+)\\.json$`),
      name: 'GET orders/:id.json',
      handle: withChaos(getOrder),
    },
    {
      method: 'POST',
      path: new RegExp(`^${esc(PREFIX)}/orders/(\\d+)/fulfillments\\.json$`),
      name: 'POST orders/:id/fulfillments.json',
      handle: withChaos(createFulfillment),
    },
  ];
}
