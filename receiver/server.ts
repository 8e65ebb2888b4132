// The ingest receiver's HTTP server: node:http and nothing else (two path shapes, two GETs — a
// framework's router and body parser would cost more than they save; docs/adr/0019). The webhook
// answer comes from the same function the Next route calls (lib/ingest/ingest-delivery.ts).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { listenOn } from '@/lib/base/listen';
import { trustedProxyHops } from '@/lib/env';
import { undecodableSegment, type IngestPathSegment } from '@/lib/ingest/inbound-bounds';
import { ingestDelivery } from '@/lib/ingest/ingest-delivery';
import type { ServerContext } from '@/lib/server/context';
import { ingestDepsOf } from '@/lib/server/ingest-deps';
import { addressOf, readNodeBodyLimited, webHeadersOf } from './node-request';
import { serveHealth, serveMetrics } from './ops';
import { sendJson } from './send';

export interface ReceiverOptions {
  host: string;
  /** 0: any free port (ReceiverServer.port says which) */
  port: number;
  keepAliveTimeoutMs: number;
}

export interface ReceiverServer {
  server: Server;
  port: number;
  url: string;
  /** stops accepting, lets requests in flight finish (cut after graceMs), resolves when closed */
  close(graceMs?: number): Promise<void>;
}

const INGEST = '/api/ingest/';

const SEGMENTS: readonly IngestPathSegment[] = ['tenant', 'connection', 'token'];

/**
 * /api/ingest/{tenant}/{connection}[/{token}] as Next matches it: split on the raw slashes, then
 * each segment percent-decoded (a NUL stays a character: ingestDelivery answers it 400 with the
 * reason, as for the route). null: not this shape; `undecodable`: the first segment that does not
 * decode (Next's DecodeError, a 400; here the reason names the segment).
 */
export function ingestPathOf(path: string): string[] | null | { undecodable: IngestPathSegment } {
  if (!path.startsWith(INGEST)) return null;
  const segments = path.slice(INGEST.length).split('/');
  if (segments.length < 2 || segments.length > 3 || segments.some((s) => s === '')) return null;
  const decoded: string[] = [];
  for (const [i, segment] of segments.entries()) {
    try {
      decoded.push(decodeURIComponent(segment));
    } catch {
      return { undecodable: SEGMENTS[i] ?? 'token' };
    }
  }
  return decoded;
}

function methodNotAllowed(res: ServerResponse, allow: string): void {
  sendJson(res, 405, { error: 'METHOD_NOT_ALLOWED', message: `use ${allow}` }, { allow });
}

async function ingest(
  ctx: ServerContext,
  req: IncomingMessage,
  res: ServerResponse,
  segments: string[],
) {
  const [tenantSlug = '', connectionKey = '', pathToken] = segments;
  const headers = webHeadersOf(req);
  const answer = await ingestDelivery(ingestDepsOf(ctx), {
    tenantSlug,
    connectionKey,
    ...(pathToken !== undefined && { pathToken }),
    headers,
    address: addressOf(req, headers, trustedProxyHops()),
    readBody: (limit) => readNodeBodyLimited(req, limit),
  });
  sendJson(res, answer.status, answer.body, answer.headers);
}

async function route(ctx: ServerContext, req: IncomingMessage, res: ServerResponse) {
  const raw = req.url ?? '/';
  const q = raw.indexOf('?');
  const path = q === -1 ? raw : raw.slice(0, q);
  const query = new URLSearchParams(q === -1 ? '' : raw.slice(q + 1));
  const segments = ingestPathOf(path);
  if (segments && 'undecodable' in segments)
    return sendJson(res, 400, {
      error: 'BAD_REQUEST',
      message: undecodableSegment(segments.undecodable),
    });
  if (segments) {
    if (req.method !== 'POST') return methodNotAllowed(res, 'POST');
    return ingest(ctx, req, res, segments);
  }
  if (path === '/health' || path === '/metrics') {
    if (req.method !== 'GET') return methodNotAllowed(res, 'GET');
    return path === '/health' ? serveHealth(ctx, req, res, query) : serveMetrics(req, res);
  }
  sendJson(res, 404, { error: 'NOT_FOUND', message: 'no such path' });
}

export async function startReceiver(
  ctx: ServerContext,
  options: ReceiverOptions,
): Promise<ReceiverServer> {
  let closing = false;
  const inFlight = new Set<ServerResponse>();
  const server = createServer((req, res) => {
    // once closing, every answer ends its connection, so keep-alive clients move to another receiver
    if (closing) res.shouldKeepAlive = false;
    inFlight.add(res);
    res.once('close', () => inFlight.delete(res));
    route(ctx, req, res).catch((error: unknown) => {
      // the client went away mid-body, or a bug: never a 2xx, never a stack trace to the sender
      ctx.log.warn(
        { err: error instanceof Error ? error.message : String(error) },
        'request failed',
      );
      if (!res.headersSent && !res.destroyed)
        sendJson(res, 500, { error: 'INTERNAL', message: 'the request could not be handled' });
      else res.destroy();
    });
  });
  server.keepAliveTimeout = options.keepAliveTimeoutMs;
  // A slow client holds a socket no longer than this: headers within 10 s, the whole request
  // (1 MiB at most, INGEST_MAX_BODY_BYTES) within 30 s.
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  const { port, url } = await listenOn(server, options.host, options.port);
  return {
    server,
    port,
    url,
    close(graceMs = 10_000) {
      closing = true;
      for (const res of inFlight) if (!res.headersSent) res.shouldKeepAlive = false;
      return new Promise<void>((resolve) => {
        // close() stops accepting and ends idle keep-alive sockets; busy ones end after their answer
        server.close(() => resolve());
        server.closeIdleConnections();
        setTimeout(() => server.closeAllConnections(), graceMs).unref();
      });
    },
  };
}
