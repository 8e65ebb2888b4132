// `npm run bench`: ingest and end-to-end figures beside raw ceilings measured in the same run on
// the same machine, reported as ratios (runs vary 15-50 % between machines and minutes; ratios
// within one run do not). Writes bench/results.json. Bounded: every phase has a fixed duration
// or count, all traffic goes to loopback, and everything started here is stopped here.
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import autocannon from 'autocannon';
import { signHmacBase64 } from '@/lib/providers/signatures/hmac-base64';
import { prepareTemplate, dropDatabase, TEMPLATE_DB } from '@/test/support/database';
import { freePort, startProcess, startWorker, waitFor } from '@/test/support/processes';
import { setChaos } from '@/test/support/sims';
import { startStack, TEST_SECRETS, type Stack } from '@/test/support/stack';
import { bullmqNoop, pgbench } from './ceilings';
import { runConsoleLatency } from './console-latency';
import { openLoop } from './open-loop';
import { runReconciliationBench } from './reconciliation';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const E2E_ORDERS = Number(process.env.BENCH_E2E_ORDERS ?? 1500);
/** worker processes during the end-to-end scenarios */
const WORKERS = Math.max(1, Number(process.env.BENCH_WORKERS ?? 1));
/** paid orders fan out to warehouse, ERP and CRM: three transactions each */
const FAN_OUT_FLOWS = ['orders-paid-to-warehouse', 'orders-paid-to-erp', 'orders-paid-to-crm'];
const TARGETS = ['warehouse', 'erp', 'crm'] as const;
const ALL_SCENARIOS: [string, Record<string, unknown>][] = [
  ['0ms', { latencyMs: { min: 0, max: 0 }, errorRate: 0 }],
  ['200ms', { latencyMs: { min: 200, max: 200 }, errorRate: 0 }],
  ['5pct_failures', { latencyMs: { min: 0, max: 0 }, errorRate: 0.05 }],
];
/**
 * BENCH_SCENARIOS=0ms,200ms runs a subset; "console" is the console latency at 1M rows,
 * "reconciliation" one run over a window of 100,000 orders (bench/reconciliation.ts)
 */
const SELECTED = process.env.BENCH_SCENARIOS?.split(',');
const SCENARIOS = ALL_SCENARIOS.filter(([label]) => !SELECTED || SELECTED.includes(label));
const RECONCILIATION = !SELECTED || SELECTED.includes('reconciliation');
/** ingest, engine and ceilings: skipped when only the console or reconciliation is selected */
const ENGINE =
  !SELECTED || SELECTED.some((label) => label !== 'console' && label !== 'reconciliation');

interface Entry {
  name: string;
  value: number;
  unit: string;
  ceiling: string | null;
  ceilingValue: number | null;
  ratio: number | null;
}
const results: Entry[] = [];
const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;
function record(
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
    ratio: ceiling ? round(value / ceiling.value, 3) : null,
  });
}

let orderSeq = 1_000_000;
/** A realistic ~1 KB signed orders/paid delivery with a fresh order and event id. */
function webhook() {
  const n = orderSeq++;
  const body = JSON.stringify({
    id: 7_000_000_000 + n,
    order_number: n,
    email: `bench.buyer+${n}@example.com`,
    financial_status: 'paid',
    currency: 'EUR',
    total_price: '214.30',
    customer: { first_name: 'Grace', last_name: 'Hopper', full_name: 'Grace Hopper' },
    line_items: [
      {
        id: n * 10 + 1,
        sku: 'TENT-2P-GRN',
        title: 'Two-person tent',
        quantity: 1,
        price: '129.00',
      },
      { id: n * 10 + 2, sku: 'LAMP-HD-400', title: 'Headlamp 400 lm', quantity: 2, price: '39.40' },
      {
        id: n * 10 + 3,
        sku: 'SOCK-MER-M',
        title: 'Merino Hiking Socks (M)',
        quantity: 1,
        price: '18.95',
      },
    ],
    shipping_address: {
      name: 'Grace Hopper',
      address1: 'Lindenstrasse 12',
      city: 'Berlin',
      zip: '10969',
      country_code: 'DE',
    },
    note_attributes: [{ name: 'gift', value: 'no' }],
    tags: 'bench,load',
  });
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'x-shopify-topic': 'orders/paid',
      'x-shopify-hmac-sha256': signHmacBase64(body, TEST_SECRETS.webhookSecret),
      'x-shopify-webhook-id': randomUUID(),
    },
  };
}

async function closedLoop(url: string, options: { duration?: number; amount?: number }) {
  const codes = new Map<number, number>();
  const result = await autocannon({
    url,
    method: 'POST',
    connections: CONNECTIONS,
    ...(options.amount ? { amount: options.amount } : { duration: options.duration ?? SECONDS }),
    requests: [
      {
        setupRequest: (req) => {
          const hook = webhook();
          return { ...req, method: 'POST', body: hook.body, headers: hook.headers };
        },
        onResponse: (status: number) => void codes.set(status, (codes.get(status) ?? 0) + 1),
      },
    ],
  });
  if (result.errors > 0)
    console.warn(
      `bench: ${result.errors} closed-loop requests failed without an answer (timeouts ${result.timeouts}, resets ${result.resets})`,
    );
  if ([...codes.keys()].some((c) => c >= 300))
    console.warn(`bench: answers by status from ${url}:`, Object.fromEntries(codes));
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx + result.errors,
    total: result.requests.total,
  };
}

/** One paid order (three fan-out transactions) outside the measured load. */
async function sendWarmUpOrder(url: string) {
  const hook = webhook();
  const response = await fetch(url, { method: 'POST', body: hook.body, headers: hook.headers });
  if (!response.ok) throw new Error(`bench: warm-up order answered ${response.status}`);
}

/** Measures the engine, not the providers' politeness: no rate limits, wide concurrency. */
async function prepareForThroughput(stack: Stack) {
  for (const key of TARGETS)
    await stack.db.connection.update({
      where: { id: stack.connectionIds[key] ?? '' },
      data: { rateLimitPerSecond: null, maxConcurrency: 128 },
    });
  await setChaos(stack.erp.url, { rateLimit: null });
}

/**
 * Orders in through ingest while the worker dispatches (end to end), and separately a backlog of
 * orders accepted with the worker stopped, then drained (the engine alone). Both count the three
 * fan-out transactions of each order reaching `completed`.
 */
async function endToEnd(stack: Stack, chaos: Record<string, unknown>) {
  for (const key of TARGETS) {
    const sim = stack[key];
    await setChaos(sim.url, chaos);
  }
  const done = async () => {
    const counts = await Promise.all(
      FAN_OUT_FLOWS.map((f) => stack.count(f, { status: 'completed' })),
    );
    return counts.reduce((a, b) => a + b, 0);
  };
  const waitAll = async (target: number) =>
    waitFor('fan-out completion', async () => (await done()) >= target, 300_000, 50).catch(
      async (error: unknown) => {
        const byStatus = await stack.db.transaction.groupBy({
          by: ['status', 'errorClass'],
          _count: true,
        });
        console.error(
          'bench: end-to-end did not finish',
          byStatus,
          stack.worker?.output().slice(-3000),
        );
        throw error;
      },
    );
  const before = await done();
  const startWorkers = () => {
    stack.startWorker();
    // More worker processes: connections (one drain each) spread over them.
    return Array.from({ length: WORKERS - 1 }, () =>
      startWorker({ ...stack.env, WORKER_CONCURRENCY: '32', LOG_LEVEL: 'warn' }),
    );
  };
  let extra = startWorkers();
  // Worker start-up (tsx compiling, connections, schedulers: about 1.5 s) is not engine
  // throughput: one warm-up order goes all the way through before the clock starts.
  const warm = before + 3;
  await sendWarmUpOrder(stack.ingestUrl);
  await waitAll(warm);
  const started = performance.now();
  const load = await closedLoop(stack.ingestUrl, { amount: E2E_ORDERS });
  await waitAll(warm + E2E_ORDERS * 3);
  const e2e = (E2E_ORDERS * 3) / ((performance.now() - started) / 1000);
  await Promise.all([stack.worker?.stop(), ...extra.map((w) => w.stop())]);
  if (load.non2xx > 0) console.warn(`bench: ${load.non2xx} non-2xx answers during end to end`);

  await closedLoop(stack.ingestUrl, { amount: E2E_ORDERS });
  const backlog = await done();
  extra = startWorkers();
  // The clock starts at the first completion the poll sees (start-up excluded, as above); the
  // rate counts what completed after it.
  let first = backlog;
  await waitFor(
    'first drained transaction',
    async () => (first = await done()) > backlog,
    60_000,
    20,
  );
  const drainStart = performance.now();
  await waitAll(backlog + E2E_ORDERS * 3);
  const drain = (backlog + E2E_ORDERS * 3 - first) / ((performance.now() - drainStart) / 1000);
  await Promise.all([stack.worker?.stop(), ...extra.map((w) => w.stop())]);
  await stack.quiet(120_000).catch(() => undefined); // shipment events of this run settle
  return { e2e, drain };
}

function writeResults() {
  writeFileSync('bench/results.json', `${JSON.stringify(results, null, 2)}\n`);
  console.log('\n| measure | value | unit | ceiling (same run) | ceiling value | ratio |');
  console.log('|---|---:|---|---|---:|---:|');
  for (const r of results)
    console.log(
      `| ${r.name} | ${r.value} | ${r.unit} | ${r.ceiling ?? '—'} | ${r.ceilingValue ?? '—'} | ${r.ratio ?? '—'} |`,
    );
  console.log(
    '\nbench: wrote bench/results.json (ratio = value / ceiling; for latencies lower is better)',
  );
}

async function main() {
  // First, on a quiet machine: the seed:large database (skipped in a default run when absent).
  if (!SELECTED || SELECTED.includes('console'))
    results.push(...((await runConsoleLatency({ required: !!SELECTED })) ?? []));
  if (!ENGINE && !RECONCILIATION) return writeResults();
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
  if (!ENGINE) {
    await dropDatabase(TEMPLATE_DB);
    return writeResults();
  }
  const stack: Stack = await startStack({
    worker: false,
    workerEnv: {
      WORKER_CONCURRENCY: '32',
      LOG_LEVEL: 'warn',
      // e.g. "--cpu-prof --cpu-prof-dir=.tmp/prof" to see where the worker spends its time
      ...(process.env.BENCH_WORKER_NODE_FLAGS && {
        WORKER_NODE_FLAGS: process.env.BENCH_WORKER_NODE_FLAGS,
      }),
    },
  });
  const ceilingPort = await freePort();
  const ceilingServer = startProcess(
    'ceiling',
    process.execPath,
    ['--import', 'tsx', 'bench/ceiling-server.ts'],
    { DATABASE_URL: stack.env.DATABASE_URL ?? '', PORT: String(ceilingPort) },
  );
  const ceilingUrl = `http://127.0.0.1:${ceilingPort}/`;
  try {
    await waitFor(
      'ceiling server',
      () => Promise.resolve(ceilingServer.output().includes('ceiling listening')),
      20_000,
    );
    console.log(
      `bench: ${SECONDS}s phases, ${CONNECTIONS} connections, ${E2E_ORDERS} orders (x3 fan-out) per end-to-end scenario\n`,
    );

    await prepareForThroughput(stack);
    const e2e: Record<string, { e2e: number; drain: number }> = {};
    for (const [label, chaos] of SCENARIOS) {
      console.log(`bench: end to end with fan-out, providers ${label} ...`);
      e2e[label] = await endToEnd(stack, chaos);
    }

    console.log('bench: closed-loop ingest vs ceiling ...');
    const ingest = await closedLoop(stack.ingestUrl, { duration: SECONDS });
    const ceiling = await closedLoop(ceilingUrl, { duration: SECONDS });
    // The framework's own floor: Next answering its trivial liveness route under the same load.
    const nextTrivial = await autocannon({
      url: `${stack.web.url}/api/health?probe=live`,
      connections: CONNECTIONS,
      duration: SECONDS,
    });

    const rate = Math.max(50, Math.round((Math.min(ingest.rps, ceiling.rps) * 0.5) / 10) * 10);
    console.log(`bench: open-loop latency at ${rate} req/s ...`);
    const ingestOpen = await openLoop(stack.ingestUrl, rate, SECONDS, () => webhook());
    const ceilingOpen = await openLoop(ceilingUrl, rate, SECONDS, () => webhook());

    console.log('bench: pgbench single-row inserts (16 clients) and BullMQ no-op jobs ...');
    const pgTps = pgbench(stack.env.DATABASE_URL ?? '', SECONDS);
    const bull = await bullmqNoop(stack.redis.url);

    const pgCeiling = { name: 'pgbench_insert_commits_per_second', value: pgTps };
    for (const [label] of SCENARIOS) {
      const r = e2e[label];
      if (!r) continue;
      record(`e2e_fanout_tx_per_second_${label}`, r.e2e, 'tx/s', pgCeiling);
      record(`dispatch_drain_tx_per_second_${label}`, r.drain, 'tx/s', pgCeiling);
    }
    record('e2e_fanout_vs_bullmq_noop_0ms', e2e['0ms']?.e2e ?? 0, 'tx/s', {
      name: 'bullmq_noop_jobs_per_second',
      value: bull.processPerSecond,
    });
    record('ingest_closed_loop_throughput', ingest.rps, 'req/s', {
      name: 'node_http_pg_insert_throughput',
      value: ceiling.rps,
    });
    record('ingest_vs_next_trivial_route', ingest.rps, 'req/s', {
      name: 'next_trivial_route_throughput',
      value: nextTrivial.requests.average,
    });
    record('ingest_closed_loop_latency_p50', ingest.p50, 'ms', {
      name: 'node_http_pg_insert_latency_p50',
      value: ceiling.p50,
    });
    record('ingest_closed_loop_latency_p99', ingest.p99, 'ms', {
      name: 'node_http_pg_insert_latency_p99',
      value: ceiling.p99,
    });
    record(`ingest_open_loop_${rate}rps_latency_p50`, ingestOpen.p50, 'ms', {
      name: 'node_http_pg_insert_open_loop_p50',
      value: ceilingOpen.p50,
    });
    record(`ingest_open_loop_${rate}rps_latency_p99`, ingestOpen.p99, 'ms', {
      name: 'node_http_pg_insert_open_loop_p99',
      value: ceilingOpen.p99,
    });
    record('ingest_non_2xx', ingest.non2xx + ingestOpen.errors, 'responses');
    record('pgbench_insert_commits_per_second', pgTps, 'commits/s');
    record('bullmq_noop_jobs_per_second', bull.processPerSecond, 'jobs/s');
    record('bullmq_add_bulk_jobs_per_second', bull.addPerSecond, 'jobs/s');

    writeResults();
  } finally {
    await ceilingServer.stop();
    await stack.stop();
    await dropDatabase(TEMPLATE_DB);
  }
}

await main();
// Client libraries (autocannon agents, ioredis) may keep timers; everything was stopped above.
process.exit(0);
