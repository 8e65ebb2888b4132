// Request dispatch and the admin endpoints every simulator has (chaos, side effects, request counts
// and log, reset), so each simulator only writes what is particular to the system it stands for.
import type { IncomingMessage } from 'node:http';
import { HttpError, matchRoute, queryInt, readJson, sendJson } from './shared-http';
import type { RequestHandler, Route, RouteContext } from './shared-http';
import { isPlainObject } from './shared-runtime';

export interface RequestCount {
  route: string;
  status: number;
  count: number;
}

/** One API request as the simulator received it (its answer's status filled in when sent). */
export interface LoggedRequest {
  /** 1, 2, 3… in order of arrival; a reader continues after the last one it saw */
  seq: number;
  /** when it arrived, in ms since the epoch with sub-millisecond precision */
  receivedAtMs: number;
  route: string;
  /** null while unanswered; 0 when the client never got an answer */
  status: number | null;
}

/** How many requests the log keeps: the oldest go first (`dropped` says how many went). */
export const REQUEST_LOG_CAPACITY = 50_000;

/**
 * Request counts by route and status, and a bounded log of every request with the time it
 * arrived: a provider counts its rate limit by arrival, and so do tests reading this log (a call
 * re-sent with its idempotency key creates nothing, but it is a request all the same).
 */
export class RequestCounter {
  private readonly rows = new Map<string, RequestCount>();
  private log: LoggedRequest[] = [];
  private seq = 0;
  private dropped = 0;

  constructor(private readonly capacity = REQUEST_LOG_CAPACITY) {}

  /** Logs an arriving request; the entry's status is set when the exchange ends (record). */
  received(route: string): LoggedRequest {
    const entry: LoggedRequest = {
      seq: ++this.seq,
      receivedAtMs: performance.timeOrigin + performance.now(),
      route,
      status: null,
    };
    this.log.push(entry);
    if (this.log.length > this.capacity * 1.25) {
      // trimmed in chunks, not one shift per request
      const excess = this.log.length - this.capacity;
      this.log = this.log.slice(excess);
      this.dropped += excess;
    }
    return entry;
  }

  record(route: string, status: number, entry?: LoggedRequest): void {
    const key = `${route} ${status}`;
    const row = this.rows.get(key) ?? { route, status, count: 0 };
    row.count++;
    this.rows.set(key, row);
    if (entry) entry.status = status;
  }

  list(): RequestCount[] {
    return [...this.rows.values()];
  }

  /** Logged requests after `afterSeq`, oldest first, at most `limit`; `dropped`: evicted ever. */
  since(afterSeq: number, limit: number): { requests: LoggedRequest[]; dropped: number } {
    const start = this.log.findIndex((e) => e.seq > afterSeq);
    const requests = start < 0 ? [] : this.log.slice(start, start + limit);
    return { requests: requests.map((e) => ({ ...e })), dropped: this.dropped };
  }

  clear(): void {
    this.rows.clear();
    this.log = [];
    this.dropped = 0;
  }
}

export interface Dispatch {
  admin: readonly Route[];
  api: readonly Route[];
  /** Chaos and auth; runs before every API request, matched or not, as a gateway would. */
  gate(req: IncomingMessage): Promise<void>;
  counter: RequestCounter;
  notFound: unknown;
  methodNotAllowed: unknown;
}

/** `/_admin/*` is never counted, gated or disturbed: a test can always observe the simulator. */
export function dispatcher(d: Dispatch): RequestHandler {
  let requestSeq = 0;
  return async (req, res, url) => {
    const method = req.method ?? 'GET';
    if (url.pathname.startsWith('/_admin/')) {
      const match = matchRoute(d.admin, method, url.pathname);
      if (match.kind === 'not_found') return sendJson(res, 404, d.notFound);
      if (match.kind === 'method_not_allowed') return sendJson(res, 405, d.methodNotAllowed);
      return match.route.handle({ req, res, url, params: match.params });
    }
    const match = matchRoute(d.api, method, url.pathname);
    const name = match.kind === 'found' ? match.route.name : `${method} (unmatched)`;
    // Logged on arrival (before chaos and auth: a refused request is a request too).
    const entry = d.counter.received(name);
    res.setHeader('X-Request-Id', `req_${++requestSeq}`);
    // Counted when the exchange ends; 0 means the client never got an answer (timeout after success).
    res.once('close', () =>
      d.counter.record(name, res.writableFinished ? res.statusCode : 0, entry),
    );
    await d.gate(req);
    if (match.kind === 'not_found') return sendJson(res, 404, d.notFound);
    if (match.kind === 'method_not_allowed') return sendJson(res, 405, d.methodNotAllowed);
    await match.route.handle({ req, res, url, params: match.params });
  };
}

export function badRequest(message: string): HttpError {
  return new HttpError(400, { error: 'invalid_request', message });
}

export async function readObject(ctx: RouteContext): Promise<Record<string, unknown>> {
  const value = await readJson(ctx.req, { error: 'invalid_json' });
  if (!isPlainObject(value)) throw badRequest('body must be a JSON object');
  return value;
}

export function adminRoute(
  method: string,
  path: string,
  handle: (ctx: RouteContext) => Promise<void> | void,
): Route {
  return {
    method,
    path: new RegExp(`^/_admin/${path}$`),
    name: `${method} /_admin/${path}`,
    handle,
  };
}

export interface StandardAdmin<C> {
  getChaos(): C;
  /** Throws TypeError naming the bad field; answered as 400 with nothing applied. */
  mergeChaos(patch: unknown): C;
  sideEffects(): unknown;
  counter: RequestCounter;
  reset(): void;
}

export function standardAdminRoutes<C>(a: StandardAdmin<C>): Route[] {
  return [
    adminRoute('GET', 'chaos', ({ res }) => sendJson(res, 200, a.getChaos())),
    adminRoute('POST', 'chaos', async (ctx) => {
      const patch = await readJson(ctx.req, { error: 'invalid_json' });
      let next: C;
      try {
        next = a.mergeChaos(patch);
      } catch (err) {
        throw badRequest(err instanceof Error ? err.message : String(err));
      }
      sendJson(ctx.res, 200, next);
    }),
    adminRoute('GET', 'side-effects', ({ res }) => sendJson(res, 200, a.sideEffects())),
    adminRoute('GET', 'requests', ({ res }) => sendJson(res, 200, a.counter.list())),
    // ?after=<seq>&limit=<n>: the log from there on; page with the last entry's seq
    adminRoute('GET', 'request-log', ({ res, url }) => {
      const after = queryInt(url, 'after', 0, 0, Number.MAX_SAFE_INTEGER);
      const limit = queryInt(url, 'limit', 10_000, 1, 10_000);
      if (after === undefined || limit === undefined)
        throw badRequest('after must be a whole number >= 0, limit one from 1 to 10000');
      sendJson(res, 200, a.counter.since(after, limit));
    }),
    adminRoute('POST', 'reset', ({ res }) => {
      a.reset();
      a.counter.clear();
      sendJson(res, 200, { reset: true });
    }),
  ];
}
