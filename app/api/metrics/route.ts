import { metrics } from '@/lib/observability/metrics';
import { collectLedgerGauges } from '@/lib/observability/ledger-gauges';
import { serverContext } from '@/lib/server/context';

export const dynamic = 'force-dynamic';

export async function GET() {
  const { registry } = metrics();
  await collectLedgerGauges(serverContext().db, registry).catch(() => undefined);
  return new Response(await registry.metrics(), {
    headers: { 'content-type': registry.contentType },
  });
}
