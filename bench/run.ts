// `npm run bench`: ingest and dispatch figures beside the ceilings that bound them, measured in the
// same run on the same machine and reported as ratios (runs vary 15-50 % between machines and
// minutes; ratios within one run much less). Writes bench/results.json and prints issue 19's
// acceptance table (informational). Bounded: every phase has a fixed duration or count, all
// traffic goes to loopback, and everything started here is stopped here.
//
// The ceilings (docs/performance.md): the ledger-write ceiling (bench/ledger-write-server.ts: the
// ingest statement alone behind bare node:http) for ingest; the provider-call ceiling
// (bench/provider-call-ceiling.ts: the fan-out's calls by a bare keep-alive client) for dispatch.
// A bare one-row INSERT server, pgbench and BullMQ's no-op job rate stay in the table for reference.
import autocannon from 'autocannon';
import { prepareTemplate, dropDatabase, TEMPLATE_DB } from '@/test/support/database';
import { entryCommand } from '@/test/support/entry-command';
import { freePort, startProcess, waitFor, type Proc } from '@/test/support/processes';
import { startStack, TENANT, type Stack } from '@/test/support/stack';
import { bullmqNoop, pgbench, providerCallCeiling } from './ceilings';
import { checkpoint, warnIfAutovacuumOff } from './checkpoint';
import { runConsoleLatency } from './console-latency';
import {
  drainBacklog,
  endToEnd,
  FAN_OUT_FLOWS,
  MAX_CONCURRENCY,
  prepareForThroughput,
  setScenario,
  stopWorkers,
  TARGETS,
} from './engine-phases';
import { openLoop } from './open-loop';
import { runReconciliationBench } from './reconciliation';
import { runRetentionBench } from './retention';
import { record, results, writeResults } from './results';
import { closedLoop, CONNECTIONS, SECONDS, webhook } from './webhook-load';

const E2E_ORDERS = Number(process.env.BENCH_E2E_ORDERS ?? 1500);
/** worker processes during the end-to-end scenarios (the 0 ms drain also runs with exactly 2) */
const WORKERS = Math.max(1, Number(process.env.BENCH_WORKERS ?? 1));
/** the open-loop arrival rate, as a share of the ledger-write ceiling's closed-loop throughput */
const OPEN_LOOP_SHARE = 0.4;
const ZERO_MS = { latencyMs: { min: 0, max: 0 }, errorRate: 0 };
const ALL_SCENARIOS: [string, Record<string, unknown>, number][] = [
  ['0ms', ZERO_MS, 0],
  ['200ms', { latencyMs: { min: 200, max: 200 }, errorRate: 0 }, 200],
  ['5pct_failures', { latencyMs: { min: 0, max: 0 }, errorRate: 0.05 }, 0],
];
/**
 * BENCH_SCENARIOS=0ms,200ms runs a subset; "console" is the console latency at 1M rows,
 * "reconciliation" one run over a window of 100,000 orders (bench/reconciliation.ts), "retention"
 * ingest's open-loop p99 during a retention run over 100,000 old payloads and without it
 * (bench/retention.ts)
 */
const SELECTED = process.env.BENCH_SCENARIOS?.split(',');
const SCENARIOS = ALL_SCENARIOS.filter(([label]) => !SELECTED || SELECTED.includes(label));
const RECONCILIATION = !SELECTED || SELECTED.includes('reconciliation');
const RETENTION = !SELECTED || SELECTED.includes('retention');
/** scenarios that start no stack of the full engine (no web build, no worker) */
const STANDALONE = ['console', 'reconciliation', 'retention'];
/** ingest, engine and ceilings: skipped when only the console or reconciliation is selected */
const ENGINE = !SELECTED || SELECTED.some((label) => !STANDALONE.includes(label));

/** A server of the bench's own (a ceiling), started beside the stack on a free port. */
async function startCeilingServer(
  name: string,
  script: string,
  env: Record<string, string>,
): Promise<{ proc: Proc; url: string }> {
  const port = await freePort();
  const proc = startProcess(name, process.execPath, ['--import', 'tsx', script], {
    ...env,
    PORT: String(port),
  });
  await waitFor(
    name,
    () => Promise.resolve(proc.output().includes('ceiling listening')),
    30_000,
  ).catch((error: unknown) => {
    throw new Error(`${String(error)}\n${proc.output()}`);
  });
  return { proc, url: `http://127.0.0.1:${port}/` };
}

async function main() {
  // First, on a quiet machine: the seed:large database (skipped in a default run when absent).
  if (!SELECTED || SELECTED.includes('console'))
    results.push(...((await runConsoleLatency({ required: !!SELECTED })) ?? []));
  if (!ENGINE && !RECONCILIATION && !RETENTION) return writeResults();
  await prepareTemplate();
  // Before the stack starts: the run's comparison side is CPU and database work on a quiet machine.
  if (RECONCILIATION) {
    console.log('bench: reconciliation over a window of 100,000 orders ...');
    const measures = await runReconciliationBench().catch(async (error: unknown) => {
      await dropDatabase(TEMPLATE_DB);
      throw error;
    });
    for (const m of measures) record(m.name, m.value, m.unit, m.ceiling);
  }
  if (RETENTION) {
    console.log('bench: retention over 100,000 old payloads beside open-loop ingest ...');
    const measures = await runRetentionBench().catch(async (error: unknown) => {
      await dropDatabase(TEMPLATE_DB);
      throw error;
    });
    for (const m of measures) record(m.name, m.value, m.unit, m.ceiling);
  }
  if (!ENGINE) {
    await dropDatabase(TEMPLATE_DB);
    return writeResults();
  }
  // e.g. BENCH_RECEIVER_NODE_FLAGS="--cpu-prof --cpu-prof-dir=.tmp/prof" to profile the receiver
  const stack: Stack = await startStack({
    worker: false,
    receiverEnv: { RECEIVER_NODE_FLAGS: process.env.BENCH_RECEIVER_NODE_FLAGS ?? '' },
  });
  const ceilings: Proc[] = [];
  running = { stack, ceilings };
  try {
    const db = stack.env.DATABASE_URL ?? '';
    const bare = await startCeilingServer('ceiling', 'bench/ceiling-server.ts', {
      DATABASE_URL: db,
    });
    ceilings.push(bare.proc);
    const ledger = await startCeilingServer('ledger-ceiling', 'bench/ledger-write-server.ts', {
      DATABASE_URL: db,
      TENANT_ID: stack.tenantId,
      CONNECTION_ID: stack.connectionIds.commerce ?? '',
      FLOW_IDS: FAN_OUT_FLOWS.map((f) => stack.flowIds[f] ?? '').join(','),
    });
    ceilings.push(ledger.proc);
    await runEngine(stack, { bare: bare.url, ledger: ledger.url });
    writeResults();
  } finally {
    await stopWorkers();
    await Promise.all(ceilings.map((c) => c.stop()));
    await stack.stop();
    await dropDatabase(TEMPLATE_DB);
  }
}

async function runEngine(stack: Stack, ceilingUrls: { bare: string; ledger: string }) {
  const worker = entryCommand('worker/index.ts').built
    ? 'built dist/worker.mjs'
    : 'worker through tsx';
  const nextRouteUrl = `${stack.web.url}/api/ingest/${TENANT}/commerce`;
  const ingestBy = stack.ingestUrl === nextRouteUrl ? 'the Next route' : 'the receiver';
  console.log(
    `bench: ${SECONDS}s phases, ${CONNECTIONS} connections, ${E2E_ORDERS} orders (x3 fan-out) per end-to-end scenario, ${worker}, ingest by ${ingestBy}\n`,
  );
  await prepareForThroughput(stack);
  await warnIfAutovacuumOff(stack);
  const engine: Record<string, { e2e: number; drain: number; drain2?: number }> = {};
  for (const [label, chaos] of SCENARIOS) {
    console.log(`bench: end to end with fan-out, providers ${label} ...`);
    await setScenario(stack, chaos);
    const e2e = await endToEnd(stack, E2E_ORDERS, WORKERS);
    const drain = await drainBacklog(stack, E2E_ORDERS, WORKERS);
    engine[label] = { e2e, drain };
    if (label === '0ms') {
      console.log('bench: the 0 ms drain again, with 2 worker processes ...');
      engine[label].drain2 = await drainBacklog(stack, E2E_ORDERS, 2);
    }
    await stack.quiet(120_000).catch(() => undefined); // shipment events of this run settle
  }

  console.log(`bench: provider-call ceiling (${MAX_CONCURRENCY} in flight per target) ...`);
  await setScenario(stack, ZERO_MS);
  const provider = await providerCallCeiling(stack, SECONDS, MAX_CONCURRENCY);
  console.log(`bench: provider calls answered per target:`, provider.byTarget);

  console.log('bench: closed-loop ingest vs ceilings ...');
  // The ceiling servers have served nothing yet (pool connections, the db client's first query,
  // JIT): an untimed burst first, as the end-to-end phases were for ingest.
  for (const url of new Set([ceilingUrls.ledger, ceilingUrls.bare, nextRouteUrl]))
    if (url !== stack.ingestUrl) await closedLoop(url, { amount: CONNECTIONS * 10 });
  // Each measured phase starts right after a checkpoint (bench/checkpoint.ts).
  const measured = async <T>(phase: () => Promise<T>) => {
    await checkpoint(stack);
    return phase();
  };
  const ingest = await measured(() => closedLoop(stack.ingestUrl, { duration: SECONDS }));
  const ledger = await measured(() => closedLoop(ceilingUrls.ledger, { duration: SECONDS }));
  // Until a receiver of its own serves stack.ingestUrl, the Next route is the ingest measured above.
  const nextRoute =
    nextRouteUrl === stack.ingestUrl
      ? ingest
      : await measured(() => closedLoop(nextRouteUrl, { duration: SECONDS }));
  const bare = await measured(() => closedLoop(ceilingUrls.bare, { duration: SECONDS }));
  // The framework's own floor: Next answering its trivial liveness route under the same load.
  const nextTrivial = await autocannon({
    url: `${stack.web.url}/api/health?probe=live`,
    connections: CONNECTIONS,
    duration: SECONDS,
  });

  const rate = Math.max(10, Math.round((ledger.rps * OPEN_LOOP_SHARE) / 10) * 10);
  console.log(`bench: open-loop latency at ${rate} req/s (40 % of the ledger-write ceiling) ...`);
  const ledgerOpen = await measured(() =>
    openLoop(ceilingUrls.ledger, rate, SECONDS, () => webhook()),
  );
  const ingestOpen = await measured(() =>
    openLoop(stack.ingestUrl, rate, SECONDS, () => webhook()),
  );

  console.log('bench: pgbench single-row inserts (16 clients) and BullMQ no-op jobs ...');
  await checkpoint(stack);
  const pgTps = pgbench(stack.env.DATABASE_URL ?? '', SECONDS);
  const bull = await bullmqNoop(stack.redis.url);

  // Issue 19's acceptance entries first, then the rest.
  const ledgerCeiling = { name: 'ledger_write_ceiling', value: ledger.rps };
  const providerCeiling = { name: 'provider_call_ceiling', value: provider.perSecond };
  record('ingest_throughput', ingest.rps, 'req/s', ledgerCeiling);
  record('ingest_open_loop_p99', ingestOpen.p99, 'ms', {
    name: 'ledger_write_ceiling_open_loop_p99',
    value: ledgerOpen.p99,
  });
  const zero = engine['0ms'];
  if (zero) {
    record('drain_tx_per_second_0ms', zero.drain, 'tx/s', providerCeiling);
    record('e2e_fanout_tx_per_second_0ms', zero.e2e, 'tx/s', providerCeiling);
    if (zero.drain2 !== undefined)
      record('drain_tx_per_second_0ms_2_workers', zero.drain2, 'tx/s', {
        name: 'drain_tx_per_second_0ms',
        value: zero.drain,
      });
  }
  record('ledger_write_ceiling', ledger.rps, 'req/s');
  record('ledger_write_ceiling_open_loop_p99', ledgerOpen.p99, 'ms');
  record('provider_call_ceiling', provider.perSecond, 'tx/s');
  record('open_loop_rate', rate, 'req/s');
  record('ingest_open_loop_p50', ingestOpen.p50, 'ms', {
    name: 'ledger_write_ceiling_open_loop_p50',
    value: ledgerOpen.p50,
  });
  record('ingest_closed_loop_latency_p99', ingest.p99, 'ms', {
    name: 'ledger_write_ceiling_latency_p99',
    value: ledger.p99,
  });
  record('ingest_next_route_throughput', nextRoute.rps, 'req/s', ledgerCeiling);
  record('ingest_next_route_vs_next_trivial_route', nextRoute.rps, 'req/s', {
    name: 'next_trivial_route_throughput',
    value: nextTrivial.requests.average,
  });
  const bareCeiling = { name: 'node_http_pg_insert_throughput', value: bare.rps };
  record('ingest_vs_bare_insert', ingest.rps, 'req/s', bareCeiling);
  record('ledger_write_ceiling_vs_bare_insert', ledger.rps, 'req/s', bareCeiling);
  record('ingest_non_2xx', ingest.non2xx + ingestOpen.errors, 'responses');
  for (const [label, , latencyMs] of SCENARIOS) {
    const r = engine[label];
    if (!r || label === '0ms') continue;
    // At a provider latency L, `MAX_CONCURRENCY` calls in flight per target complete at most
    // targets x concurrency / L per second, and never faster than the 0 ms ceiling.
    const bound = latencyMs > 0 ? (TARGETS.length * MAX_CONCURRENCY * 1000) / latencyMs : Infinity;
    const ceiling =
      bound < provider.perSecond
        ? { name: `provider_concurrency_bound_${label}`, value: bound }
        : providerCeiling;
    record(`drain_tx_per_second_${label}`, r.drain, 'tx/s', ceiling);
    record(`e2e_fanout_tx_per_second_${label}`, r.e2e, 'tx/s', ceiling);
  }
  if (zero)
    record('e2e_fanout_vs_bullmq_noop_0ms', zero.e2e, 'tx/s', {
      name: 'bullmq_noop_jobs_per_second',
      value: bull.processPerSecond,
    });
  record('pgbench_insert_commits_per_second', pgTps, 'commits/s');
  record('bullmq_noop_jobs_per_second', bull.processPerSecond, 'jobs/s');
  record('bullmq_add_bulk_jobs_per_second', bull.addPerSecond, 'jobs/s');
}

/** What the engine phases started, for a bench stopped by a signal. */
let running: { stack: Stack; ceilings: Proc[] } | undefined;

// The stack's processes run in process groups of their own (test/support/processes.ts), out of
// reach of the terminal's Ctrl-C and of a kill of the bench alone: a bench stopped half-way stops
// them here, or the web app, receiver, workers and redis-server outlive it.
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => {
    console.log(`bench: ${signal}: stopping what the bench started`);
    const exit = () => process.exit(130);
    setTimeout(exit, 15_000).unref();
    void Promise.allSettled([
      stopWorkers(),
      ...(running?.ceilings.map((c) => c.stop()) ?? []),
      running?.stack.stop(),
    ])
      .then(() => dropDatabase(TEMPLATE_DB))
      .finally(exit);
  });

await main();
// Client libraries (autocannon agents, ioredis) may keep timers; everything was stopped above.
process.exit(0);
