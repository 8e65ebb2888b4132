// The worker's registry as Prometheus reads it: the series a batch and a scrape produce, and the
// whole text against the format and the naming conventions (test/support/prometheus-text.ts).
import { describe, expect, it } from 'vitest';
import type { Db } from '@/lib/db';
import type { PlannedClaim } from '@/lib/engine/plan-batch';
import { createLogger } from '@/lib/observability/logger';
import type { ConnectionRow } from '@/lib/observability/connection-gauges';
import { checkExposition, parseExposition, sumOf } from '@/test/support/prometheus-text';
import { createWorkerMetrics } from './worker-metrics';

const TENANT = '0190f0c0-0000-7000-8000-000000000001';

/** A ledger that answers the scrape's one statement with `rows` and a tenant's slug look-up. */
function fakeDb(rows: ConnectionRow[], lookups: string[] = []) {
  const db = {
    $transaction: <T>(fn: (tx: unknown) => Promise<T>) =>
      fn({ $executeRawUnsafe: () => Promise.resolve(0), $queryRaw: () => Promise.resolve(rows) }),
    $queryRaw: (_q: TemplateStringsArray, id: string) => {
      lookups.push(id);
      return Promise.resolve([{ slug: 'acme' }]);
    },
  };
  return db as unknown as Db;
}

const row = (over: Partial<ConnectionRow>): ConnectionRow => ({
  tenant_id: TENANT,
  tenant: 'acme',
  connection: 'warehouse',
  status: 'active',
  circuit: 'closed',
  backlog: 0n,
  due: 0n,
  oldest_due_age: null,
  ...over,
});

const completed = (durationMs: number): PlannedClaim => ({
  transactionId: 'a',
  plan: {
    kind: 'settle',
    request: {
      tenantId: TENANT,
      transactionId: 'a',
      to: 'completed',
      reason: 'ok',
      errorClass: null,
      facts: [
        {
          kind: 'command',
          type: 'command.sent',
          summary: 's',
          data: { operation: 'createFulfillment' },
        },
        { kind: 'event', type: 'provider.accepted', summary: 'a', data: { durationMs } },
      ],
    },
  },
});
const retry: PlannedClaim = {
  transactionId: 'b',
  plan: {
    kind: 'settle',
    request: {
      tenantId: TENANT,
      transactionId: 'b',
      to: 'waiting_retry',
      reason: 'r',
      errorClass: 'rate_limited',
    },
  },
};

describe('worker metrics', () => {
  it('labels a batch by tenant slug and connection key, and reads the gauges at scrape time', async () => {
    const lookups: string[] = [];
    const db = fakeDb(
      [
        row({ circuit: 'open', backlog: 7n, due: 3n, oldest_due_age: 12.5 }),
        row({ connection: 'crm', status: 'paused', circuit: 'half_open' }),
      ],
      lookups,
    );
    const metrics = createWorkerMetrics({ db, log: createLogger('silent', 'test') });
    // before any scrape the tenant's slug is unknown: read once, the batch recorded with it
    metrics.observer.batch({ tenantId: TENANT, key: 'warehouse' }, [completed(40), retry]);
    const text = await metrics.render();
    expect(checkExposition(text)).toEqual([]);
    const families = parseExposition(text);
    const where = { tenant: 'acme', connection: 'warehouse' };
    expect(
      sumOf(families, 'waybill_dispatch_outcomes_total', {
        ...where,
        outcome: 'completed',
        error_class: 'none',
      }),
    ).toBe(1);
    expect(
      sumOf(families, 'waybill_dispatch_retries_scheduled_total', {
        ...where,
        error_class: 'rate_limited',
      }),
    ).toBe(1);
    expect(
      sumOf(families, 'waybill_provider_request_duration_seconds_bucket', {
        ...where,
        operation: 'createFulfillment',
        le: '0.05',
      }),
    ).toBe(1);
    expect(sumOf(families, 'waybill_provider_request_duration_seconds_sum', where)).toBeCloseTo(
      0.04,
    );
    expect(sumOf(families, 'waybill_dispatch_batch_size_count', where)).toBe(1);
    expect(sumOf(families, 'waybill_dispatch_batch_size_sum', where)).toBe(2);
    expect(sumOf(families, 'waybill_connection_backlog', where)).toBe(7);
    expect(sumOf(families, 'waybill_connection_due', where)).toBe(3);
    expect(sumOf(families, 'waybill_connection_oldest_due_age_seconds', where)).toBe(12.5);
    expect(sumOf(families, 'waybill_connection_circuit_state', where)).toBe(2);
    const crm = { tenant: 'acme', connection: 'crm' };
    expect(sumOf(families, 'waybill_connection_circuit_state', crm)).toBe(1);
    expect(sumOf(families, 'waybill_connection_paused', crm)).toBe(1);
    expect(sumOf(families, 'waybill_connection_oldest_due_age_seconds', crm)).toBe(0);
    expect(lookups).toEqual([TENANT]);

    // the scrape taught it the slug: the next batch needs no look-up
    metrics.observer.batch({ tenantId: TENANT, key: 'warehouse' }, [completed(5)]);
    const again = parseExposition(await metrics.render());
    expect(
      sumOf(again, 'waybill_dispatch_outcomes_total', { ...where, outcome: 'completed' }),
    ).toBe(2);
    expect(lookups).toHaveLength(1);
  });

  it('drops the series of a connection that is gone', async () => {
    const rows = [row({ backlog: 1n }), row({ connection: 'crm' })];
    const metrics = createWorkerMetrics({ db: fakeDb(rows), log: createLogger('silent', 'test') });
    await metrics.render();
    rows.pop();
    const families = parseExposition(await metrics.render());
    const series = families.find((f) => f.name === 'waybill_connection_backlog')?.samples ?? [];
    expect(series.map((s) => s.labels.connection)).toEqual(['warehouse']);
  });

  it('still serves process metrics and counters when the ledger cannot be read', async () => {
    const db = {
      $transaction: () => Promise.reject(new Error('connection refused')),
    } as unknown as Db;
    const metrics = createWorkerMetrics({ db, log: createLogger('silent', 'test') });
    const text = await metrics.render();
    expect(checkExposition(text)).toEqual([]);
    expect(text).toContain('waybill_process_cpu_seconds_total');
  });
});
