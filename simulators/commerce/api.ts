// The storefront's REST Admin API subset Waybill uses: list/get orders (for reconciliation),
// fulfillments (tracking flowing back from the warehouse) and bulk inventory levels.
import {
  HttpError,
  decodeCursor,
  encodeCursor,
  queryInt,
  queryTime,
  sendJson,
} from '../shared-http';
import type { Route, RouteContext } from '../shared-http';
import { applyChaos } from '../shared-chaos';
import type { ChaosRuntime, TokenBucket } from '../shared-chaos';
import { isPlainObject } from '../shared-runtime';
import type { CommerceChaos } from './chaos';
import type { FulfillmentStore, FulfillmentSideEffect } from './fulfillments';
import { fulfillmentRoutes } from './fulfillments';
import type { InventorySideEffect } from './inventory';
import { inventoryRoutes } from './inventory';
import type { OrderStore } from './orders';
import type { RefundLedger } from './refunds';
import { PREFIX, SHOPIFY_REPLIES, apiPath } from './rest';
import type { WebhookDispatcher } from './webhooks';

export type CommerceSideEffect = FulfillmentSideEffect | InventorySideEffect;

export interface CommerceState {
  orders: OrderStore;
  webhooks: WebhookDispatcher;
  chaos: CommerceChaos;
  rt: ChaosRuntime;
  bulkSetBucket: TokenBucket;
  fulfillments: FulfillmentStore;
  inventory: Map<string, number>;
  refunds: RefundLedger;
  sideEffects: CommerceSideEffect[];
}

export function gate(state: CommerceState, req: RouteContext['req']): Promise<void> {
  return applyChaos(state.chaos, state.rt, req, SHOPIFY_REPLIES);
}

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

export function apiRoutes(state: CommerceState): Route[] {
  return [
    {
      method: 'GET',
      path: apiPath('/orders\\.json'),
      name: 'GET orders.json',
      handle: (ctx) => listOrders(state, ctx),
    },
    {
      method: 'GET',
      path: apiPath('/orders/(\\d+)\\.json'),
      name: 'GET orders/:id.json',
      handle: (ctx) => getOrder(state, ctx),
    },
    ...fulfillmentRoutes(state),
    ...inventoryRoutes(state),
  ];
}
