// Dockyard's public API: the token endpoint and /v2/shipment-orders (create with Dock-Request-Id
// and Dock-Dry-Run, read one, look up by reference, list a time window with a cursor).
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
import { answerWrite } from '../shared-chaos';
import type { ChaosRuntime } from '../shared-chaos';
import { isPlainObject } from '../shared-runtime';
import type { WebhookSender } from '../shared-webhooks';
import { gateToken, gateV2 } from './chaos';
import type { DockyardChaos } from './chaos';
import { fingerprint } from './idempotency';
import type { IdempotencyStore } from './idempotency';
import { bearerValid, issueToken } from './oauth';
import type { ClientConfig, TokenStore } from './oauth';
import { draftOrder, validateOrder } from './orders';
import type { OrderStore, WindowFilter } from './orders';
import type { EventMeta, Workflow } from './workflow';

export interface DockyardOptions extends ClientConfig {
  /** false: Dock-Request-Id is ignored and every create makes a record (look up before create). */
  honourIdempotency: boolean;
}

export interface DockyardState {
  options: DockyardOptions;
  tokens: TokenStore;
  store: OrderStore;
  idempotency: IdempotencyStore;
  workflow: Workflow;
  events: WebhookSender<EventMeta>;
  chaos: DockyardChaos;
  rt: ChaosRuntime;
}

export function gate(state: DockyardState, req: IncomingMessage): Promise<void> {
  const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
  if (!path.startsWith('/v2/') && path !== '/v2') return gateToken(state, req);
  return gateV2(state, req, (r) => bearerValid(r, state.tokens));
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

async function createOrder(state: DockyardState, ctx: RouteContext): Promise<void> {
  const { req, res } = ctx;
  const body = await readJson(req, { code: 'invalid_json', message: 'body is not valid JSON' });
  const requestId = header(req, 'dock-request-id');
  if (requestId !== undefined && requestId.length > 255) {
    throw new HttpError(400, { code: 'invalid_request', message: 'Dock-Request-Id is too long' });
  }
  // A dry run validates only: it neither reads nor writes the idempotency store or the records.
  if (header(req, 'dock-dry-run')?.toLowerCase() === 'true') {
    const result = validateOrder(body);
    if (!result.ok) throw invalid(result.errors);
    const draft = draftOrder(result.value, new Date().toISOString());
    return sendJson(res, 200, { dry_run: true, data: draft });
  }
  const key = state.options.honourIdempotency ? requestId : undefined;
  const print = fingerprint(body);
  if (key !== undefined) {
    const found = state.idempotency.lookup(key, print);
    if (found.kind === 'conflict') {
      throw new HttpError(409, {
        code: 'idempotency_conflict',
        message: 'Dock-Request-Id was already used with a different body',
      });
    }
    if (found.kind === 'replay') {
      return sendJson(res, found.answer.status, found.answer.body, { 'Dock-Replayed': 'true' });
    }
  }
  const result = validateOrder(body);
  if (!result.ok) throw invalid(result.errors);
  // No await from the lookup to here: two concurrent retries cannot both create.
  const order = state.store.create(result.value, requestId ?? null);
  const answer = { data: structuredClone(order) };
  if (key !== undefined)
    state.idempotency.remember(key, { fingerprint: print, status: 201, body: answer });
  state.workflow.track(order);
  // Under timeoutAfterSuccessRate the record is committed but the client never hears back.
  answerWrite(state.chaos, state.rt, ctx, 201, answer);
}

const invalid = (errors: { field: string; message: string }[]): HttpError =>
  new HttpError(422, { code: 'invalid_request', errors });

function getOrder(state: DockyardState, { res, params }: RouteContext): void {
  const order = state.store.byId.get(params[0] ?? '');
  if (!order) throw new HttpError(404, { code: 'not_found' });
  sendJson(res, 200, { data: order });
}

function listOrders(state: DockyardState, { res, url }: RouteContext): void {
  const bad = (field: string, message: string): HttpError =>
    new HttpError(400, { code: 'invalid_request', errors: [{ field, message }] });
  const limit = queryInt(url, 'limit', 50, 1, 200);
  if (limit === undefined) throw bad('limit', 'must be an integer between 1 and 200');
  const from = queryTime(url, 'updated_from');
  const to = queryTime(url, 'updated_to');
  if (from === null) throw bad('updated_from', 'must be an ISO-8601 timestamp');
  if (to === null) throw bad('updated_to', 'must be an ISO-8601 timestamp');
  const filter: WindowFilter = { limit };
  const reference = url.searchParams.get('reference');
  if (reference !== null) filter.reference = reference;
  if (from !== undefined) filter.from = from;
  if (to !== undefined) filter.to = to;
  const rawCursor = url.searchParams.get('cursor');
  if (rawCursor) {
    const c = decodeCursor(rawCursor);
    if (!isPlainObject(c) || typeof c.u !== 'number' || typeof c.n !== 'number') {
      throw bad('cursor', 'is not a cursor this API issued');
    }
    filter.after = { u: c.u, n: c.n };
  }
  const page = state.store.list(filter);
  sendJson(res, 200, { data: page.data, next_cursor: page.next ? encodeCursor(page.next) : null });
}

export function apiRoutes(state: DockyardState): Route[] {
  const route = (
    method: string,
    path: RegExp,
    name: string,
    fn: (s: DockyardState, ctx: RouteContext) => Promise<void> | void,
  ): Route => ({ method, path, name, handle: (ctx) => fn(state, ctx) });
  return [
    route('POST', /^\/oauth\/token$/, 'POST /oauth/token', (s, ctx) =>
      issueToken(s.options, s.tokens, ctx),
    ),
    route('POST', /^\/v2\/shipment-orders$/, 'POST /v2/shipment-orders', createOrder),
    route('GET', /^\/v2\/shipment-orders$/, 'GET /v2/shipment-orders', listOrders),
    route('GET', /^\/v2\/shipment-orders\/([^/]+)$/, 'GET /v2/shipment-orders/:id', getOrder),
  ];
}
