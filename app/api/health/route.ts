import { metricsToken } from '@/lib/env';
import { opsAccess, opsRefusal } from '@/lib/http/ops-access';
import { serverContext } from '@/lib/server/context';
import { checkReadiness } from '@/lib/server/health';

export const dynamic = 'force-dynamic';

/**
 * GET /api/health?probe=live answers 200 while the process runs. The default probe checks
 * readiness (database and Redis): 200 "ready" or 503 "unavailable" for anyone; which check failed,
 * why and how long each took only with `Authorization: Bearer <METRICS_TOKEN>` (docs/security.md).
 */
export async function GET(request: Request) {
  const noStore = { 'cache-control': 'no-store' };
  if (new URL(request.url).searchParams.get('probe') === 'live')
    return Response.json({ status: 'live' }, { headers: noStore });
  const access = opsAccess(request.headers.get('authorization'), metricsToken());
  // a token sent but wrong is refused, so a misconfigured scraper notices
  if (access === 'wrong') return opsRefusal(access);
  const readiness = await checkReadiness(serverContext());
  const status = readiness.ok ? 'ready' : 'unavailable';
  return Response.json(access === 'granted' ? { status, ...readiness } : { status }, {
    status: readiness.ok ? 200 : 503,
    headers: noStore,
  });
}
