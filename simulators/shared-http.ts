// The simulators' own tiny HTTP layer (node:http only, so they stay dependency-free and start fast).
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export const MAX_BODY_BYTES = 1024 * 1024;

export interface RunningSim {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Thrown by handlers to answer with a specific status; anything else becomes a 500. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Record<string, string> = {},
  ) {
    super(`HTTP ${status}`);
  }
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (res.headersSent || res.destroyed) return;
  const raw = Buffer.from(JSON.stringify(body));
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(raw.length),
    ...headers,
  });
  res.end(raw);
}

/**
 * Reads the body with a hard 1 MiB cap. Past the cap we stop buffering but keep draining, so the
 * client is still reading when the 413 arrives instead of seeing a reset mid-upload.
 */
export function readRawBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  const tooLarge = new HttpError(
    413,
    { error: 'payload_too_large', limit_bytes: limit },
    { Connection: 'close' },
  );
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    req.resume();
    return Promise.reject(tooLarge);
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on('data', (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > limit) {
        failed = true;
        chunks.length = 0;
        reject(tooLarge);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!failed) resolve(Buffer.concat(chunks));
    });
    req.on('error', (err) => {
      if (!failed) reject(err);
    });
  });
}

/** Parses a JSON body; an empty body counts as `{}` so admin POSTs without a body just work. */
export async function readJson(req: IncomingMessage, invalidBody: unknown): Promise<unknown> {
  const raw = await readRawBody(req);
  if (raw.length === 0) return {};
  try {
    return JSON.parse(raw.toString('utf8')) as unknown;
  } catch {
    throw new HttpError(400, invalidBody);
  }
}

export interface RouteContext {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  params: string[];
}

export interface Route {
  method: string;
  /** Anchored pattern over the pathname; capture groups become params. */
  path: RegExp;
  /** Stable label used in request counters, e.g. "GET /v1/fulfilments/:id". */
  name: string;
  handle(ctx: RouteContext): Promise<void> | void;
}

export type RouteMatch =
  | { kind: 'found'; route: Route; params: string[] }
  | { kind: 'method_not_allowed' }
  | { kind: 'not_found' };

export function matchRoute(routes: readonly Route[], method: string, pathname: string): RouteMatch {
  let pathMatched = false;
  for (const route of routes) {
    const m = route.path.exec(pathname);
    if (!m) continue;
    pathMatched = true;
    if (route.method !== method) continue;
    return { kind: 'found', route, params: m.slice(1).map((p) => decodeURIComponent(p ?? '')) };
  }
  return pathMatched ? { kind: 'method_not_allowed' } : { kind: 'not_found' };
}

export type RequestHandler = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void>;

/**
 * Binds to 127.0.0.1 only: simulators speak unauthenticated admin APIs and must never be reachable
 * from the network. close() runs onClose first (timers, outbound work) and then drops every socket,
 * including ones a chaos mode deliberately left hanging.
 */
export async function serve(
  port: number,
  handler: RequestHandler,
  onClose: () => void,
): Promise<RunningSim> {
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    handler(req, res, url).catch((err: unknown) => {
      if (err instanceof HttpError) {
        sendJson(res, err.status, err.body, err.headers);
        return;
      }
      console.error('[simulator] unhandled error', err);
      if (res.headersSent) res.destroy();
      else sendJson(res, 500, { error: 'internal' });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const actualPort = (server.address() as AddressInfo).port;
  let closing: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${actualPort}`,
    port: actualPort,
    close() {
      closing ??= new Promise<void>((resolve) => {
        onClose();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

export function queryInt(
  url: URL,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number | undefined {
  const raw = url.searchParams.get(name);
  if (raw === null || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) return undefined;
  const n = Number(raw);
  return n < min || n > max ? undefined : n;
}

/** Parses an ISO-8601 timestamp query parameter; undefined = absent, null = present but invalid. */
export function queryTime(url: URL, name: string): number | undefined | null {
  const raw = url.searchParams.get(name);
  if (raw === null || raw === '') return undefined;
  const t = Date.parse(raw);
  return Number.isNaN(t) ? null : t;
}

export function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

export function decodeCursor(raw: string): unknown {
  try {
    return JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}
