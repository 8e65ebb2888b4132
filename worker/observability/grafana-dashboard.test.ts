// docs/grafana/waybill-worker.json is valid dashboard JSON whose panels query only series the
// worker exports: renaming a metric without the dashboard fails here, not on an operator's screen.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Db } from '@/lib/db';
import { createLogger } from '@/lib/observability/logger';
import { parseExposition } from '@/test/support/prometheus-text';
import { createWorkerMetrics } from './worker-metrics';

interface Panel {
  type: string;
  title: string;
  gridPos?: { h: number; w: number; x: number; y: number };
  targets?: { expr: string }[];
}
const dashboard = JSON.parse(readFileSync('docs/grafana/waybill-worker.json', 'utf8')) as {
  uid: string;
  title: string;
  panels: Panel[];
};

async function exportedFamilies(): Promise<Map<string, string>> {
  const db = {
    $transaction: () => Promise.reject(new Error('no ledger in this test')),
  } as unknown as Db;
  const families = parseExposition(
    await createWorkerMetrics({ db, log: createLogger('silent', 'test') }).render(),
  );
  return new Map(families.map((f) => [f.name, f.type]));
}

describe('the worker dashboard', () => {
  const queries = dashboard.panels.flatMap((p) => (p.targets ?? []).map((t) => t.expr));

  it('has the panels operators look for', () => {
    expect(dashboard.uid).toBe('waybill-worker');
    const titles = dashboard.panels.map((p) => p.title).join('\n');
    for (const wanted of [
      'Dispatch rate by outcome',
      'Failures by error class',
      'Provider latency p50 / p95 / p99',
      'Backlog per connection',
      'Oldest due age per connection',
      'Circuit state',
      'Batch size',
    ])
      expect(titles).toContain(wanted);
    for (const panel of dashboard.panels) expect(panel.gridPos, panel.title).toBeDefined();
  });

  it('queries only series the worker exports, each the way its type allows', async () => {
    const exported = await exportedFamilies();
    const used = queries.flatMap((q) => q.match(/waybill_[a-z0-9_]+/g) ?? []);
    expect(used.length).toBeGreaterThan(10);
    for (const series of used) {
      const histogram = /^(.*)_(bucket|sum|count)$/.exec(series)?.[1];
      const type = exported.get(histogram ?? series) ?? exported.get(series);
      expect(type, `${series} is not exported by the worker`).toBeDefined();
      if (histogram && exported.get(histogram)) expect(type).toBe('histogram');
    }
    // counters are read as rates, never as raw totals
    for (const q of queries)
      for (const counter of q.match(/waybill_[a-z0-9_]+_total/g) ?? [])
        expect(q, `${counter} outside rate()`).toMatch(new RegExp(`rate\\(${counter}`));
  });
});
