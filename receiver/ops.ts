// The receiver's own health and metrics, answered as the web app answers /api/health and
// /api/metrics (app/api/health/route.ts, app/api/metrics/route.ts): liveness and the bare
// readiness status for anyone, readiness details and Prometheus text only with
// `Authorization: Bearer <METRICS_TOKEN>` (lib/http/ops-access.ts, docs/security.md).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { metricsToken } from '@/lib/env';
import { opsAccess, opsRefusal } from '@/lib/http/ops-access';
import { metrics } from '@/lib/observability/metrics';
import type { ServerContext } from '@/lib/server/context';
import { checkReadiness } from '@/lib/server/health';
import { sendJson, sendResponse } from './send';

const NO_STORE = { 'cache-control': 'no-store' };

const authorizationOf = (req: IncomingMessage) => req.headers.authorization ?? null;

/** GET /health?probe=live: 200 while the process runs. GET /health: database and Redis reachable. */
export async function serveHealth(
  ctx: ServerContext,
  req: IncomingMessage,
  res: ServerResponse,
  query: URLSearchParams,
): Promise<void> {
  if (query.get('probe') === 'live') return sendJson(res, 200, { status: 'live' }, NO_STORE);
  const access = opsAccess(authorizationOf(req), metricsToken());
  // a token sent but wrong is refused, so a misconfigured scraper notices
  if (access === 'wrong') return sendResponse(res, opsRefusal(access));
  const readiness = await checkReadiness(ctx);
  const status = readiness.ok ? 'ready' : 'unavailable';
  sendJson(
    res,
    readiness.ok ? 200 : 503,
    access === 'granted' ? { status, ...readiness } : { status },
    NO_STORE,
  );
}

/**
 * GET /metrics: this process's registry — the ingest counters and histogram, the process's
 * runtime. The ledger gauges (backlog, oldest) stay with the web app's /api/metrics: N receivers
 * would report the same database N times.
 */
export async function serveMetrics(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const access = opsAccess(authorizationOf(req), metricsToken());
  if (access !== 'granted') return sendResponse(res, opsRefusal(access));
  const { registry } = metrics();
  const text = await registry.metrics();
  res.writeHead(200, {
    'content-type': registry.contentType,
    'content-length': Buffer.byteLength(text),
    ...NO_STORE,
  });
  res.end(text);
}
