// The console latency table (markdown) and its entries for bench/results.json, in the shape
// bench/run.ts records: value, unit, and the target as the "ceiling" it is compared with.
import { ms, type Percentiles } from './stats';
import type { TargetResult } from './measure';
import { API_TARGET_MS, DB_TARGET_MS } from './targets';

export interface BenchEntry {
  name: string;
  value: number;
  unit: string;
  ceiling: string | null;
  ceilingValue: number | null;
  ratio: number | null;
}

const triple = (p: Percentiles) => `${ms(p.p50)} / ${ms(p.p95)} / ${ms(p.p99)}`;
const mark = (value: number, limit: number) => (value <= limit ? '' : ' ✗');

export function indexUseOk(r: TargetResult): boolean {
  return r.plans.length > 0 && r.plans.every((p) => p.seqScans.length === 0);
}

export function latencyTable(results: TargetResult[]): string {
  const lines = [
    '| query | db p50 / p95 / p99 ms | presenter p50 / p95 / p99 ms | api p50 / p95 / p99 ms | target db / api p99 | EXPLAIN max ms | index use ok |',
    '|---|---:|---:|---:|---:|---:|:---:|',
  ];
  for (const r of results) {
    const dbTarget = DB_TARGET_MS[r.target.kind];
    const explained = Math.max(...r.plans.map((p) => p.executionMs), 0);
    const api = r.api
      ? `${triple(r.api)}${mark(r.api.p99, API_TARGET_MS)}${r.api.failures ? ` (${r.api.failures} not 200)` : ''}`
      : 'not run';
    const seq = [...new Set(r.plans.flatMap((p) => p.seqScans))];
    lines.push(
      `| ${r.target.name} | ${triple(r.db)}${mark(r.db.p99, dbTarget)} | ${triple(r.presenter)} | ${api} | ≤ ${dbTarget} / ≤ ${API_TARGET_MS} | ${ms(explained)} | ${indexUseOk(r) ? 'yes' : `NO: Seq Scan on ${seq.join(', ') || '?'}`} |`,
    );
  }
  return lines.join('\n');
}

const slug = (name: string) =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');

export function benchEntries(results: TargetResult[]): BenchEntry[] {
  const round = (n: number) => Math.round(n * 100) / 100;
  const entry = (name: string, value: number, ceiling: string, limit: number): BenchEntry => ({
    name,
    value: round(value),
    unit: 'ms',
    ceiling,
    ceilingValue: limit,
    ratio: Math.round((value / limit) * 1000) / 1000,
  });
  return results.flatMap((r) => {
    const base = `console_${slug(r.target.name)}`;
    const dbTarget = DB_TARGET_MS[r.target.kind];
    return [
      entry(`${base}_db_p50`, r.db.p50, 'target_db_p99', dbTarget),
      entry(`${base}_db_p99`, r.db.p99, 'target_db_p99', dbTarget),
      ...(r.api
        ? [
            entry(`${base}_api_p50`, r.api.p50, 'target_api_p99', API_TARGET_MS),
            entry(`${base}_api_p99`, r.api.p99, 'target_api_p99', API_TARGET_MS),
          ]
        : []),
    ];
  });
}
