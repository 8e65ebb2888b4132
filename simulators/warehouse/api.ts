// The WMS public API (/v1). Everything here sits behind bearer auth and chaos.
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
import type { ChaosRuntime, GateOptions } from '../shared-chaos';
import { isPlainObject } from '../shared-runtime';
import type { WarehouseChaos } from './chaos';
import { fingerprint, validateFulfilment } from './fulfilments';
import type { FulfilmentStore, ListFilter } from './fulfilments';
import type { Workflow } from './workflow';

export interface WarehouseState {
  apiToken: string;
  store: FulfilmentStore;
  workflow: Workflow;
  chaos: WarehouseChaos;
  rt: ChaosRuntime;
}

function authorized(req: IncomingMessage, token: string): boolean {
  const header = req.headers.authorization ?? '';
  const match = /^Bearer (.+)$/.exec(header);
  if (!match?.[1]) return false;
  const given = Buffer.from(match[1]);
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const BEARER = 'Bearer error="invalid_token"';
const REPLIES: GateOptions['replies'] = {
  unauthorized: { body: { error: 'invalid_token' }, headers: { 'WWW-Authenticate': BEARER } },
  auth_expired: {
    body: { error: 'token_expired' },
    headers: { 'WWW-Authenticate': `${BEARER}, error_description="token expired"` },
  },
};

export function applyGateway(state: WarehouseState, req: IncomingMessage): Promise<void> {
  return applyChaos(state.chaos, state.rt, req, {
    authorized: (r) => authorized(r, state.apiToken),
    replies: REPLIES,
  });
}

async function createFulfilment(state: WarehouseState, { req, res }: RouteContext): Promise<void> {
  const key = req.headers['idempotency-key'];
  if (typeof key !== 'string' || key.trim() === '') {
    throw new HttpError(400, { error: 'idempotency_key_required' });
  }
  if (key.length > 255) throw new HttpError(400, { error: 'idempotency_key_too_long' });
  const body = await readJson(req, { error: 'invalid_json' });
  const print = fingerprint(body);
  const stored = state.store.idempotency.get(key);
  if (stored) {
    if (stored.fingerprint !== print) throw new HttpError(409, { error: 'idempotency_key_reused' });
    return sendJson(res, stored.status, stored.body, { 'Idempotent-Replayed': 'true' });
  }
  const result = validateFulfilment(body);
  if (!result.ok) throw new HttpError(422, { error: 'validation_failed', errors: result.errors });
  const existing = state.store.findByReference(result.value.reference);
  if (existing) {
    throw new HttpError(409, { error: 'duplicate_reference', existing_id: existing.id });
  }
  // No await between the idempotency lookup and here: concurrent retries cannot both create.
  const fulfilment = state.store.create(result.value, key);
  const snapshot = structuredClone(fulfilment);
  state.store.idempotency.set(key, { status: 201, body: snapshot, fingerprint: print });
  state.workflow.track(fulfilment);
  // Under timeoutAfterSuccessRate the create is applied but the client never hears back: it must
  // retry with the same Idempotency-Key (or look up by reference) instead of creating another.
  answerWrite(state.chaos, state.rt, { req, res }, 201, snapshot);
}

function getFulfilment(state: WarehouseState, { res, params }: RouteContext): void {
  const f = state.store.byId.get(params[0] ?? '');
  if (!f) throw new HttpError(404, { error: 'not_found' });
  sendJson(res, 200, f);
}

function listFulfilments(state: WarehouseState, { res, url }: RouteContext): void {
  const invalid = (message: string): HttpError =>
    new HttpError(400, { error: 'invalid_query', message });
  const limit = queryInt(url, 'limit', 100, 1, 500);
  if (limit === undefined) throw invalid('limit must be an integer between 1 and 500');
  const since = queryTime(url, 'updated_since');
  const until = queryTime(url, 'updated_until');
  if (since === null) throw invalid('updated_since must be an ISO-8601 timestamp');
  if (until === null) throw invalid('updated_until must be an ISO-8601 timestamp');
  const filter: ListFilter = { limit };
  const reference = url.searchParams.get('reference');
  if (reference !== null) filter.reference = reference;
  if (since !== undefined) filter.since = since;
  if (until !== undefined) filter.until = until;
  const rawCursor = url.searchParams.get('cursor');
  if (rawCursor) {
    const c = decodeCursor(rawCursor);
    if (!isPlainObject(c) || typeof c.u !== 'number' || typeof c.id !== 'string') {
      throw new HttpError(400, { error: 'invalid_cursor' });
    }
    filter.after = { u: c.u, id: c.id };
  }
  const page = state.store.list(filter);
  sendJson(res, 200, { data: page.data, next_cursor: page.next ? encodeCursor(page.next) : null });
}

export function apiRoutes(state: WarehouseState): Route[] {
  const bind =
    (fn: (s: WarehouseState, ctx: RouteContext) => Promise<void> | void) =>
    (ctx: RouteContext): Promise<void> | void =>
      fn(state, ctx);
  return [
    {
      method: 'POST',
      path: /^\/v1\/fulfilments$/,
      name: 'POST /v1/fulfilments',
      handle: bind(createFulfilment),
    },
    {
      method: 'GET',
      path: /^\/v1\/fulfilments$/,
      name: 'GET /v1/fulfilments',
      handle: bind(listFulfilments),
    },
    {
      method: 'GET',
      path: /^\/v1\/fulfilments\/([^/]+)$/,
      name: 'GET /v1/fulfilments/:id',
      handle: bind(getFulfilment),
    },
  ];
}
