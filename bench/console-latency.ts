// Console latency at 1,000,000 transactions: each screen's query measured at the database level
// (presenter against the large database, its SQL captured and EXPLAINed) and at the API level
// (the built app's JSON route) in one run. Needs `npm run seed:large` first; see
// docs/performance.md. Run alone with `BENCH_SCENARIOS=console npm run bench`, or directly with
// `npx tsx bench/console-latency.ts` (BENCH_CONSOLE_API=0 skips the API level).
import { mkdirSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { createDb } from '@/lib/db';
import { loadDotEnv } from '@/lib/env';
import { largeDatabaseUrl, readMarker } from '@/scripts/lib/large-data/target';
import { builtAppPresent, startConsoleApi } from './console/api';
import { loadKeys } from './console/keys';
import { measureApi, measureDb, type TargetResult } from './console/measure';
import { benchEntries, indexUseOk, latencyTable, type BenchEntry } from './console/report';
import { installSqlCapture } from './console/sql-capture';
import { consoleTargets } from './console/targets';

export interface ConsoleBenchOptions {
  /** when false, a database that is not loaded skips the scenario instead of failing it */
  required: boolean;
  env?: Record<string, string | undefined>;
}

/** Returns the entries for bench/results.json, or null when skipped. */
export async function runConsoleLatency(
  options: ConsoleBenchOptions,
): Promise<BenchEntry[] | null> {
  const env = options.env ?? process.env;
  const url = largeDatabaseUrl(env);
  const counts = {
    warmup: Number(env.BENCH_CONSOLE_WARMUP ?? 20),
    samples: Number(env.BENCH_CONSOLE_SAMPLES ?? 200),
  };
  const client = new pg.Client({
    connectionString: url,
    application_name: 'waybill-bench-explain',
  });
  const unavailable = await client.connect().then(
    async () => {
      const marker = await readMarker(client);
      return marker?.state === 'loaded' ? null : 'it is not loaded by seed:large';
    },
    (error: unknown) => `it cannot be reached (${String(error)})`,
  );
  if (unavailable) {
    await client.end().catch(() => undefined);
    const message = `console latency needs ${url.replace(/\/\/[^@/]*@/, '//')}, but ${unavailable}: run \`npm run seed:large\` first (a few minutes, ~2 GB)`;
    if (options.required) throw new Error(message);
    console.log(`bench: skipping the console scenario: ${message}`);
    return null;
  }
  installSqlCapture();
  const db = createDb({ connectionString: url, poolSize: 4, applicationName: 'waybill-bench' });
  try {
    const keys = await loadKeys(client, env.DEMO_TENANT_SLUG ?? 'acme');
    const targets = consoleTargets(keys);
    console.log(
      `bench: console latency, ${counts.samples} samples per query after ${counts.warmup} warm-up, sequential ...`,
    );
    const results: TargetResult[] = [];
    for (const target of targets) {
      results.push({ ...(await measureDb(db, client, target, counts)), api: null });
      console.log(`  db: ${target.name}`);
    }
    if (env.BENCH_CONSOLE_API === '0')
      console.log('bench: API level skipped (BENCH_CONSOLE_API=0)');
    else if (!builtAppPresent())
      console.log('bench: API level skipped: no build (`npm run build`)');
    else {
      const api = await startConsoleApi(url, { userId: keys.userId, tenantId: keys.tenantId });
      try {
        for (const r of results) {
          r.api = await measureApi(api, r.target, counts);
          console.log(`  api: ${r.target.name}`);
          // Timing error answers measures nothing: stop and say which request failed.
          if (r.api.failures)
            throw new Error(
              `console bench: ${r.api.failures} API answers were not 200, first: ${r.api.firstFailure}`,
            );
        }
      } finally {
        await api.stop();
      }
    }
    report(results);
    return benchEntries(results);
  } finally {
    await db.$disconnect();
    await client.end();
  }
}

function report(results: TargetResult[]) {
  console.log(`\n${latencyTable(results)}\n`);
  mkdirSync('.tmp', { recursive: true });
  const plansFile = '.tmp/bench-console-plans.json';
  writeFileSync(
    plansFile,
    JSON.stringify(
      results.map((r) => ({ query: r.target.name, indexUseOk: indexUseOk(r), plans: r.plans })),
      null,
      2,
    ),
  );
  const bad = results.filter((r) => !indexUseOk(r)).map((r) => r.target.name);
  console.log(
    `bench: EXPLAIN (ANALYZE, BUFFERS) plans in ${plansFile}` +
      (bad.length
        ? `; Seq Scan on a large table in: ${bad.join('; ')}`
        : '; no Seq Scan on a large table'),
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  loadDotEnv();
  await runConsoleLatency({ required: true });
  process.exit(0);
}
