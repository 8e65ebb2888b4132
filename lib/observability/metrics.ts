import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

const holder = globalThis as unknown as { __waybillMetrics?: ReturnType<typeof build> };

function build() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'waybill_' });
  return {
    registry,
    ingestRequests: new Counter({
      name: 'waybill_ingest_requests_total',
      help: 'Webhook deliveries by outcome',
      labelNames: ['outcome'] as const,
      registers: [registry],
    }),
    ingestDuration: new Histogram({
      name: 'waybill_ingest_duration_seconds',
      help: 'Time from request to answer for webhook deliveries',
      buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
  };
}

export function metrics() {
  return (holder.__waybillMetrics ??= build());
}
