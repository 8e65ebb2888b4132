// The worker's dispatch metrics: what each settled batch did, per connection. The engine reduces a
// batch to a BatchSummary (lib/engine/drain-observer.ts) and knows nothing of prom-client; this
// file turns summaries into series. Labels are bounded by configuration (tenant slug, connection
// key, operation, status, error class): never a transaction id, an error message or a URL.
import { Counter, Histogram, type Registry } from 'prom-client';

/** Who a series belongs to: the tenant's slug and the connection's key (ids say nothing on a graph). */
export interface ConnectionLabels {
  tenant: string;
  connection: string;
}

/** One settled batch, reduced to what the metrics count. */
export interface BatchSummary {
  /** transactions claimed in the batch, whatever became of them */
  size: number;
  /** outcome: the status the batch moved it to, or deferred / stray / lost / unloadable */
  outcomes: { outcome: string; errorClass: string; count: number }[];
  /** provider calls made, with how long each took to answer */
  calls: { operation: string; seconds: number }[];
  /** transactions sent back to waiting_retry, by the class that sent them there */
  retries: { errorClass: string; count: number }[];
}

export const NO_ERROR_CLASS = 'none';

export interface DispatchMetrics {
  record(labels: ConnectionLabels, summary: BatchSummary): void;
}

export function createDispatchMetrics(registry: Registry): DispatchMetrics {
  const outcomes = new Counter({
    name: 'waybill_dispatch_outcomes_total',
    help: 'Transactions settled by the drain, by connection, outcome (the status it moved to, or deferred/stray/lost/unloadable) and error class (none on success)',
    labelNames: ['tenant', 'connection', 'outcome', 'error_class'] as const,
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'waybill_provider_request_duration_seconds',
    help: 'Time from sending a command to the provider until its answer (or timeout), by connection and operation',
    labelNames: ['tenant', 'connection', 'operation'] as const,
    // from a warm keep-alive call on loopback to PROVIDER_TIMEOUT_MS's default of 10 s
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const retries = new Counter({
    name: 'waybill_dispatch_retries_scheduled_total',
    help: 'Transactions sent to waiting_retry by the drain, by connection and error class (missing_dependency: a pending dependency checked again later)',
    labelNames: ['tenant', 'connection', 'error_class'] as const,
    registers: [registry],
  });
  const batches = new Histogram({
    name: 'waybill_dispatch_batch_size',
    help: 'Transactions claimed per drain batch (settled in one statement), by connection',
    labelNames: ['tenant', 'connection'] as const,
    // DISPATCH_BATCH_SIZE defaults to 200; a probe is a batch of one
    buckets: [1, 2, 5, 10, 20, 50, 100, 200, 500],
    registers: [registry],
  });
  return {
    record(labels, summary) {
      const base = { tenant: labels.tenant, connection: labels.connection };
      if (summary.size > 0) batches.observe(base, summary.size);
      for (const o of summary.outcomes)
        outcomes.inc({ ...base, outcome: o.outcome, error_class: o.errorClass }, o.count);
      for (const c of summary.calls)
        latency.observe({ ...base, operation: c.operation }, c.seconds);
      for (const r of summary.retries) retries.inc({ ...base, error_class: r.errorClass }, r.count);
    },
  };
}
