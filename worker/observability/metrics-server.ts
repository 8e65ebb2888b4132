// The worker's operations endpoint: a small node:http server beside the BullMQ workers, with the
// same rules as the web app's /api/metrics and /api/health (lib/http/ops-access.ts,
// docs/security.md):
//   GET /metrics             Prometheus text; only with Authorization: Bearer <METRICS_TOKEN>
//                            (401 without, 404 while no token is configured)
//   GET /health?probe=live   200 while the process runs; public
//   GET /health              readiness: 200 {"status":"ready"} or 503 {"status":"unavailable"};
//                            which check failed and why only with the token
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { listenOn } from '@/lib/base/listen';
import { opsAccess, opsRefusal } from '@/lib/http/ops-access';
import type { Readiness } from './readiness';

export interface MetricsServerOptions {
  host: string;
  /** 0: a free port chosen by the system (tests); the bound one is returned */
  port: number;
  /** METRICS_TOKEN; unset: /metrics answers 404 and readiness its status only */
  token: string | undefined;
  render: () => Promise<string>;
  contentType: string;
  readiness: () => Promise<Readiness>;
}

export interface MetricsServer {
  port: number;
  url: string;
  close(): Promise<void>;
}

const NO_STORE = { 'cache-control': 'no-store' };

export async function startMetricsServer(options: MetricsServerOptions): Promise<MetricsServer> {
  const server = createServer((request, response) => {
    handle(options, request, response).catch(() => {
      if (!response.headersSent) send(response, 500, { error: 'internal' });
      else response.destroy();
    });
  });
  // a scraper's keep-alive socket must not keep a stopping worker alive
  server.keepAliveTimeout = 5000;
  const { port, url } = await listenOn(server, options.host, options.port);
  return {
    port,
    url,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function handle(
  options: MetricsServerOptions,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://worker');
  if (url.pathname !== '/metrics' && url.pathname !== '/health')
    return send(response, 404, { error: 'not_found' });
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.setHeader('allow', 'GET, HEAD');
    return send(response, 405, { error: 'method_not_allowed' });
  }
  const access = opsAccess(request.headers.authorization ?? null, options.token);
  if (url.pathname === '/metrics') {
    if (access !== 'granted') return refuse(response, opsRefusal(access));
    const text = await options.render();
    response.writeHead(200, { 'content-type': options.contentType, ...NO_STORE });
    response.end(request.method === 'HEAD' ? undefined : text);
    return;
  }
  if (url.searchParams.get('probe') === 'live') return send(response, 200, { status: 'live' });
  // a token sent but wrong is refused, so a misconfigured scraper notices
  if (access === 'wrong') return refuse(response, opsRefusal(access));
  const readiness = await options.readiness();
  const status = readiness.ok ? 'ready' : 'unavailable';
  send(
    response,
    readiness.ok ? 200 : 503,
    access === 'granted' ? { status, ...readiness } : { status },
  );
}

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json', ...NO_STORE });
  response.end(JSON.stringify(body));
}

/** The web app's refusal (status, WWW-Authenticate, body), written to a node response. */
async function refuse(response: ServerResponse, refusal: Response): Promise<void> {
  const headers: Record<string, string> = { ...NO_STORE };
  refusal.headers.forEach((value, name) => (headers[name] = value));
  response.writeHead(refusal.status, headers);
  response.end(await refusal.text());
}
