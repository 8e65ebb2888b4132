// The worker process's registry: process metrics, the dispatch metrics each drain batch feeds
// through its observer, and the per-connection gauges read from the ledger at scrape time.
// Series are labelled by tenant slug and connection key; a drain knows its tenant's id only, so
// slugs are cached here (every scrape refreshes them, a tenant not yet seen is read once).
import { Registry, collectDefaultMetrics } from 'prom-client';
import type { Db } from '@/lib/db';
import { summarizeBatch, type DrainObserver } from '@/lib/engine/drain-observer';
import type { Logger } from '@/lib/observability/logger';
import { createConnectionGauges } from '@/lib/observability/connection-gauges';
import { createDispatchMetrics, type BatchSummary } from '@/lib/observability/dispatch-metrics';

export interface WorkerMetrics {
  registry: Registry;
  /** handed to the drains (DrainDeps.observe) */
  observer: DrainObserver;
  /** the exposition text, gauges read from the ledger first */
  render(): Promise<string>;
}

export function createWorkerMetrics(deps: { db: Db; log: Logger }): WorkerMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'waybill_' });
  const dispatch = createDispatchMetrics(registry);
  const gauges = createConnectionGauges(registry);
  const slugs = new Map<string, string>();
  /** batches of tenants whose slug is being read, recorded when it arrives */
  const pending = new Set<Promise<void>>();

  const slugOf = async (tenantId: string): Promise<string> => {
    const [row] = await deps.db.$queryRaw<{ slug: string }[]>`
      SELECT slug FROM tenants WHERE id = ${tenantId}::uuid`;
    const slug = row?.slug ?? 'unknown';
    slugs.set(tenantId, slug);
    return slug;
  };

  const record = (tenantId: string, connection: string, summary: BatchSummary) => {
    const known = slugs.get(tenantId);
    if (known !== undefined) {
      dispatch.record({ tenant: known, connection }, summary);
      return;
    }
    const later = slugOf(tenantId)
      .catch(() => 'unknown')
      .then((tenant) => dispatch.record({ tenant, connection }, summary))
      .finally(() => pending.delete(later));
    pending.add(later);
  };

  return {
    registry,
    observer: {
      batch(connection, plans) {
        // Metrics must never cost a drain its batch: a bug here is logged, not thrown.
        try {
          record(connection.tenantId, connection.key, summarizeBatch(plans));
        } catch (error) {
          deps.log.warn({ err: error }, 'dispatch metrics not recorded');
        }
      },
    },
    async render() {
      try {
        for (const [id, slug] of await gauges.collect(deps.db)) slugs.set(id, slug);
      } catch (error) {
        // the process metrics and counters are still worth a scrape; the gauges keep their values
        deps.log.warn({ err: error }, 'connection gauges not read from the ledger');
      }
      // a batch recorded before this scrape shows in it, slug read or not
      await Promise.all([...pending]);
      return registry.metrics();
    },
  };
}
