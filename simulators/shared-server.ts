// Request dispatch and the admin endpoints every simulator has (chaos, side effects, request counts,
// reset), so each simulator only writes what is particular to the system it stands for.
import type { IncomingMessage } from 'node:http';
import { HttpError, matchRoute, readJson, sendJson } from './shared-http';
import type { RequestHandler, Route, RouteContext } from './shared-http';
import { isPlainObject } from './shared-runtime';

export interface RequestCount {
  route: string;
  status: number;
  count: number;
}

export class RequestCounter {
  private readonly rows = new Map<string, RequestCount>();

  record(route: string, status: number): void {
    const key = `${route} ${status}`;
    const row = this.rows.get(key) ?? { route, status, count: 0 };
    row.count++;
    this.rows.set(key, row);
  }

  list(): RequestCount[] {
    return [...this.rows.values()];
  }

  clear(): void {
    this.rows.clear();
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
    res.setHeader('X-Request-Id', `req_${++requestSeq}`);
    // Counted when the exchange ends; 0 means the client never got an answer (timeout after success).
    res.once('close', () => d.counter.record(name, res.writableFinished ? res.statusCode : 0));
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
    adminRoute('POST', 'reset', ({ res }) => {
      a.reset();
      a.counter.clear();
      sendJson(res, 200, { reset: true });
    }),
  ];
}
