import { metrics } from '@/lib/observability/metrics';
import { collectLedgerGauges } from '@/lib/observability/ledger-gauges';
import { metricsToken } from '@/lib/env';
import { opsAccess, opsRefusal } from '@/lib/http/ops-access';
import { serverContext } from '@/lib/server/context';

export const dynamic = 'force-dynamic';

/** Prometheus text for operators only: `Authorization: Bearer <METRICS_TOKEN>` (docs/security.md). */
export async function GET(request: Request) {
  const access = opsAccess(request.headers.get('authorization'), metricsToken());
  if (access !== 'granted') return opsRefusal(access);
  const { registry } = metrics();
  await collectLedgerGauges(serverContext().db, registry).catch(() => undefined);
  return new Response(await registry.metrics(), {
    headers: { 'content-type': registry.contentType, 'cache-control': 'no-store' },
  });
}
