// The bench's results: every measure beside the ceiling it is judged against (measured in the same
// run), written to bench/results.json, printed as a table, and issue 19's acceptance checked on
// them. The check is informational: the bench reports, it never fails a build.
import { writeFileSync } from 'node:fs';

export interface Entry {
  name: string;
  value: number;
  unit: string;
  ceiling: string | null;
  ceilingValue: number | null;
  ratio: number | null;
}

export const results: Entry[] = [];
const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

export function record(
  name: string,
  value: number,
  unit: string,
  ceiling?: { name: string; value: number },
) {
  results.push({
    name,
    value: round(value),
    unit,
    ceiling: ceiling?.name ?? null,
    ceilingValue: ceiling ? round(ceiling.value) : null,
    // from the unrounded figures: a small latency's ratio should not move with its rounding
    ratio: ceiling ? round(value / ceiling.value, 3) : null,
  });
}

/** Issue 19's acceptance: the entry, the ceiling it must name, and what its ratio must be. */
export const ACCEPTANCE: {
  name: string;
  ceiling: string;
  must: string;
  passes: (ratio: number) => boolean | null;
}[] = [
  {
    name: 'ingest_throughput',
    ceiling: 'ledger_write_ceiling',
    must: 'ratio ≥ 0.6',
    passes: (r) => r >= 0.6,
  },
  {
    name: 'ingest_open_loop_p99',
    ceiling: 'ledger_write_ceiling_open_loop_p99',
    must: 'ratio ≤ 3',
    passes: (r) => r <= 3,
  },
  {
    name: 'drain_tx_per_second_0ms',
    ceiling: 'provider_call_ceiling',
    must: 'ratio ≥ 0.2 (aim 0.45)',
    passes: (r) => r >= 0.2,
  },
  {
    name: 'e2e_fanout_tx_per_second_0ms',
    ceiling: 'provider_call_ceiling',
    must: 'ratio ≥ 0.1 (aim 0.3)',
    passes: (r) => r >= 0.1,
  },
  {
    name: 'drain_tx_per_second_0ms_2_workers',
    ceiling: 'drain_tx_per_second_0ms',
    must: 'reported',
    passes: () => null,
  },
];

/** The acceptance table as markdown lines: each entry's value, ceiling, ratio and verdict. */
export function acceptanceTable(entries: readonly Entry[]): string[] {
  const lines = [
    '| name | value | ceiling | ceiling value | ratio | must | verdict |',
    '|---|---:|---|---:|---:|---|---|',
  ];
  for (const a of ACCEPTANCE) {
    const e = entries.find((x) => x.name === a.name);
    if (!e || e.ratio === null) {
      lines.push(`| ${a.name} | — | ${a.ceiling} | — | — | ${a.must} | not measured |`);
      continue;
    }
    const verdict = e.ceiling !== a.ceiling ? 'wrong ceiling' : a.passes(e.ratio);
    const shown = verdict === true ? 'pass' : verdict === false ? 'FAIL' : (verdict ?? 'reported');
    lines.push(
      `| ${e.name} | ${e.value} ${e.unit} | ${e.ceiling} | ${e.ceilingValue} | ${e.ratio} | ${a.must} | ${shown} |`,
    );
  }
  return lines;
}

export function writeResults() {
  writeFileSync('bench/results.json', `${JSON.stringify(results, null, 2)}\n`);
  console.log('\n| measure | value | unit | ceiling (same run) | ceiling value | ratio |');
  console.log('|---|---:|---|---|---:|---:|');
  for (const r of results)
    console.log(
      `| ${r.name} | ${r.value} | ${r.unit} | ${r.ceiling ?? '—'} | ${r.ceilingValue ?? '—'} | ${r.ratio ?? '—'} |`,
    );
  if (results.some((r) => ACCEPTANCE.some((a) => a.name === r.name))) {
    console.log('\nAcceptance (issue 19; informational, the bench never fails on it):\n');
    for (const line of acceptanceTable(results)) console.log(line);
  }
  console.log(
    '\nbench: wrote bench/results.json (ratio = value / ceiling; for latencies lower is better)',
  );
}
