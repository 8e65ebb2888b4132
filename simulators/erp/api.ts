// The ERP's REST API (/api/v1): sales orders, payments, credit memos and the inventory export.
// No idempotency keys: a client that retries blindly makes duplicates and must look up by
// external_ref first — exactly the discipline Waybill's ERP adapter needs to prove.
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
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
import { answerWrite, applyChaos } from '../shared-chaos';
import type { ChaosRuntime, CommonChaos } from '../shared-chaos';
import { isPlainObject } from '../shared-runtime';
import type { ErpInventory } from './inventory';
import type {
  Collection,
  CreditMemo,
  ErpStore,
  Payment,
  SalesOrder,
  WindowFilter,
} from './records';
import { validatePosting, validateSalesOrder } from './validate';
import type { FieldError } from './validate';

export interface ErpState {
  apiKey: string;
  store: ErpStore;
  inventory: ErpInventory;
  chaos: CommonChaos;
  rt: ChaosRuntime;
}

const MAX_BATCH = 100;

export function gate(state: ErpState, req: IncomingMessage): Promise<void> {
  const authorized = (r: IncomingMessage): boolean => {
    const match = /^Bearer (.+)$/.exec(r.headers.authorization ?? '');
    const given = Buffer.from(match?.[1] ?? '');
    const expected = Buffer.from(state.apiKey);
    return given.length === expected.length && timingSafeEqual(given, expected);
  };
  return applyChaos(state.chaos, state.rt, req, { authorized });
}

const invalid = (errors: FieldError[]): HttpError =>
  new HttpError(422, { error: 'validation_failed', errors });

const read = (req: IncomingMessage): Promise<unknown> => readJson(req, { error: 'invalid_json' });

/** Shared by the single and the batch endpoint; throws the 422 a single create would answer. */
function createSalesOrder(state: ErpState, body: unknown): SalesOrder {
  const input = validateSalesOrder(body);
  if (!input.ok) throw invalid(input.errors);
  const order = state.store.salesOrders.add((id, now) => ({
    id,
    ...input.value,
    status: 'OPEN',
    created_at: now,
    updated_at: now,
  }));
  state.store.record('sales_order.created', order);
  return order;
}

function createPosting(state: ErpState, kind: 'payment' | 'credit_memo', body: unknown) {
  const input = validatePosting(body);
  if (!input.ok) throw invalid(input.errors);
  const { reason, ...rest } = input.value;
  const order = state.store.salesOrderByRef(rest.sales_order_ref);
  if (!order) {
    throw new HttpError(422, {
      error: 'unknown_reference',
      errors: [{ path: 'sales_order_ref', message: `no sales order ${rest.sales_order_ref}` }],
    });
  }
  const base = (id: string, now: string) => ({
    id,
    ...rest,
    sales_order_id: order.id,
    created_at: now,
    updated_at: now,
  });
  if (kind === 'payment') {
    const payment = state.store.payments.add((id, now) => ({ ...base(id, now), status: 'POSTED' }));
    state.store.record('payment.posted', payment);
    return payment;
  }
  const memo = state.store.creditMemos.add((id, now) => ({
    ...base(id, now),
    status: 'ISSUED',
    reason,
  }));
  state.store.record('credit_memo.issued', memo);
  return memo;
}

async function batch(state: ErpState, ctx: RouteContext): Promise<void> {
  const body = await read(ctx.req);
  const items = isPlainObject(body) ? body.items : undefined;
  if (!Array.isArray(items) || items.length === 0 || items.length > MAX_BATCH) {
    throw invalid([
      { path: 'items', message: `must be an array of 1 to ${MAX_BATCH} sales orders` },
    ]);
  }
  const results = items.map((item: unknown) => {
    const ref =
      isPlainObject(item) && typeof item.external_ref === 'string' ? item.external_ref : null;
    try {
      return { external_ref: ref, status: 201, id: createSalesOrder(state, item).id };
    } catch (err) {
      if (!(err instanceof HttpError)) throw err;
      const errors = isPlainObject(err.body) ? err.body.errors : undefined;
      return { external_ref: ref, status: err.status, errors };
    }
  });
  answerWrite(state.chaos, state.rt, ctx, 200, { results });
}

/** `?external_ref=` returns every match; otherwise an updated_at window with a page token. */
function list<T extends SalesOrder | Payment | CreditMemo>(collection: Collection<T>) {
  return ({ res, url }: RouteContext): void => {
    const ref = url.searchParams.get('external_ref');
    if (ref !== null)
      return sendJson(res, 200, { data: collection.findByRef(ref), next_page_token: null });
    const bad = (path: string, message: string) => invalid([{ path, message }]);
    const limit = queryInt(url, 'limit', 50, 1, 200);
    if (limit === undefined) throw bad('limit', 'must be an integer between 1 and 200');
    const from = queryTime(url, 'updated_from');
    const to = queryTime(url, 'updated_to');
    if (from === null) throw bad('updated_from', 'must be an ISO-8601 timestamp');
    if (to === null) throw bad('updated_to', 'must be an ISO-8601 timestamp');
    const filter: WindowFilter = {
      limit,
      ...(from !== undefined && { from }),
      ...(to !== undefined && { to }),
    };
    const token = url.searchParams.get('page_token');
    if (token) {
      const c = decodeCursor(token);
      if (!isPlainObject(c) || typeof c.u !== 'number' || typeof c.n !== 'number') {
        throw bad('page_token', 'invalid');
      }
      filter.after = { u: c.u, n: c.n };
    }
    const page = collection.list(filter);
    sendJson(res, 200, {
      data: page.data,
      next_page_token: page.next ? encodeCursor(page.next) : null,
    });
  };
}

function getOne<T extends SalesOrder | Payment | CreditMemo>(collection: Collection<T>) {
  return ({ res, params }: RouteContext): void => {
    const record = collection.get(params[0] ?? '');
    if (!record) throw new HttpError(404, { error: 'not_found' });
    sendJson(res, 200, record);
  };
}

export function apiRoutes(state: ErpState): Route[] {
  const route = (method: string, path: string, handle: Route['handle']): Route => ({
    method,
    path: new RegExp(`^/api/v1/${path}$`),
    name: `${method} /api/v1/${path.replace('([^/]+)', ':id')}`,
    handle,
  });
  const write =
    (create: (body: unknown) => unknown) =>
    async (ctx: RouteContext): Promise<void> =>
      answerWrite(state.chaos, state.rt, ctx, 201, create(await read(ctx.req)));
  const { salesOrders, payments, creditMemos } = state.store;
  return [
    route('POST', 'sales-orders/batch', (ctx) => batch(state, ctx)),
    route(
      'POST',
      'sales-orders',
      write((b) => createSalesOrder(state, b)),
    ),
    route('GET', 'sales-orders', list(salesOrders)),
    route('GET', 'sales-orders/([^/]+)', getOne(salesOrders)),
    route(
      'POST',
      'payments',
      write((b) => createPosting(state, 'payment', b)),
    ),
    route('GET', 'payments', list(payments)),
    route('GET', 'payments/([^/]+)', getOne(payments)),
    route(
      'POST',
      'credit-memos',
      write((b) => createPosting(state, 'credit_memo', b)),
    ),
    route('GET', 'credit-memos', list(creditMemos)),
    route('GET', 'credit-memos/([^/]+)', getOne(creditMemos)),
    route('GET', 'inventory/export', ({ res }) => sendJson(res, 200, state.inventory.export())),
  ];
}
