// Gauges read from the ledger at scrape time: the dispatch backlog and its oldest entry's age.
// Both come from the small outbox table, never from a scan of transactions.
import { Gauge, type Registry } from 'prom-client';
import type { Db } from '@/lib/db';

const gauges = new WeakMap<Registry, { backlog: Gauge; oldest: Gauge }>();

export async function collectLedgerGauges(db: Db, registry: Registry): Promise<void> {
  let g = gauges.get(registry);
  if (!g) {
    g = {
      backlog: new Gauge({
        name: 'waybill_dispatch_backlog',
        help: 'Transactions waiting to be dispatched (outbox rows)',
        registers: [registry],
      }),
      oldest: new Gauge({
        name: 'waybill_dispatch_oldest_pending_seconds',
        help: 'Age of the oldest outbox row',
        registers: [registry],
      }),
    };
    gauges.set(registry, g);
  }
  const [row] = await db.$queryRaw<{ backlog: bigint; oldest: number | null }[]>`
    SELECT count(*) AS backlog, extract(epoch FROM now() - min(created_at))::float8 AS oldest FROM outbox`;
  g.backlog.set(Number(row?.backlog ?? 0));
  g.oldest.set(row?.oldest ?? 0);
}
