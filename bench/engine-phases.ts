// The engine's phases of the bench: orders in through ingest while workers dispatch (end to end),
// and a backlog accepted while the targets are paused, then drained on resume (the engine alone).
// Both count the three fan-out transactions of each order reaching `completed`.
import { setConnectionPaused } from '@/lib/engine/pause';
import { ownDrainWaker, type WakeDrains } from '@/lib/queue/wake-drains';
import { entryCommand } from '@/test/support/entry-command';
import { startWorker, waitFor, type Proc } from '@/test/support/processes';
import { setChaos } from '@/test/support/sims';
import type { Stack } from '@/test/support/stack';
import { checkpoint } from './checkpoint';
import { closedLoop, sendWarmUpOrder } from './webhook-load';

/** paid orders fan out to warehouse, ERP and CRM: three transactions each */
export const FAN_OUT_FLOWS = [
  'orders-paid-to-warehouse',
  'orders-paid-to-erp',
  'orders-paid-to-crm',
];
export const TARGETS = ['warehouse', 'erp', 'crm'] as const;
/** calls in flight per target connection: the engine's allowance, and the provider ceiling's */
export const MAX_CONCURRENCY = 128;
/** orders of the untimed burst before the end-to-end clock starts */
const WARM_UP_ORDERS = 200;
let warnedStale = false;

/** Measures the engine, not the providers' politeness: no rate limits, wide concurrency. */
export async function prepareForThroughput(stack: Stack) {
  for (const key of TARGETS)
    await stack.db.connection.update({
      where: { id: stack.connectionIds[key] ?? '' },
      data: { rateLimitPerSecond: null, maxConcurrency: MAX_CONCURRENCY },
    });
  await setChaos(stack.erp.url, { rateLimit: null });
}

const running = new Set<Proc>();
export function startWorkers(stack: Stack, count: number): Proc[] {
  const env = { ...stack.env, WORKER_CONCURRENCY: '32', LOG_LEVEL: 'warn' };
  // The built worker, as production runs it, unless a source is newer (test/support/entry-command)
  if (!entryCommand('worker/index.ts').built && !warnedStale) {
    console.warn(
      'bench: dist/worker.mjs is missing or older than the sources: workers run through tsx',
    );
    warnedStale = true;
  }
  // e.g. "--cpu-prof --cpu-prof-dir=.tmp/prof" to see where the workers spend their time
  const flags = process.env.BENCH_WORKER_NODE_FLAGS ?? '';
  return Array.from({ length: count }, () => {
    const proc = startWorker({ ...env, WORKER_NODE_FLAGS: flags });
    running.add(proc);
    return proc;
  });
}
export async function stopWorkers(procs: Proc[] = [...running]) {
  await Promise.all(procs.map((p) => p.stop()));
  for (const p of procs) running.delete(p);
}

const fanOutFlowIds = (stack: Stack) => FAN_OUT_FLOWS.map((f) => stack.flowIds[f] ?? '');

/** Fan-out transactions completed so far (one count over the ledger). */
async function done(stack: Stack) {
  return stack.db.transaction.count({
    where: { flowId: { in: fanOutFlowIds(stack) }, status: 'completed' },
  });
}

/**
 * Whether no fan-out work is queued or in flight: the outbox, a table as small as the backlog. The
 * completion poll asks this first, so the ledger (which grows with every phase) is counted once
 * per phase rather than twenty times a second: the database's CPU belongs to the engine measured.
 */
async function drained(stack: Stack) {
  return (
    (await stack.db.outboxEntry.count({ where: { flowId: { in: fanOutFlowIds(stack) } } })) === 0
  );
}

async function waitAll(stack: Stack, target: number, workers: Proc[]) {
  await waitFor(
    'fan-out completion',
    async () => (await drained(stack)) && (await done(stack)) >= target,
    300_000,
    50,
  ).catch(async (error: unknown) => {
    const byStatus = await stack.db.transaction.groupBy({
      by: ['status', 'errorClass'],
      _count: true,
    });
    const tail = workers[0]?.output().slice(-3000);
    console.error('bench: the fan-out did not finish', byStatus, tail);
    throw error;
  });
}

export async function setScenario(stack: Stack, chaos: Record<string, unknown>) {
  for (const key of TARGETS) await setChaos(stack[key].url, chaos);
}

/**
 * Start-up is not engine throughput: one order goes all the way through (the workers'
 * connections, schedulers), then an untimed burst (the receiver's, the workers' and the
 * simulators' hot paths compiled, as the ceilings' servers get an untimed burst before theirs).
 * Returns the fan-out transactions completed once it is done.
 */
async function warmUp(stack: Stack, orders: number, workers: Proc[]): Promise<number> {
  const before = await done(stack);
  await sendWarmUpOrder(stack.ingestUrl);
  await waitAll(stack, before + 3, workers);
  const burst = Math.min(WARM_UP_ORDERS, orders);
  await closedLoop(stack.ingestUrl, { amount: burst });
  const warm = before + 3 + burst * 3;
  await waitAll(stack, warm, workers);
  return warm;
}

/** Orders in through ingest (closed loop, `orders` of them) while `workers` dispatch: tx/s. */
export async function endToEnd(stack: Stack, orders: number, workers: number): Promise<number> {
  const procs = startWorkers(stack, workers);
  try {
    const warm = await warmUp(stack, orders, procs);
    await checkpoint(stack);
    // The clock stops when the last transaction completes, seen by the completion poll running
    // beside the load: autocannon resolves an `amount` run only at its next one-second sample
    // tick, so waiting for it first added up to a second of idle time to a phase of about five.
    const started = performance.now();
    console.log('bench: end to end: the clock starts');
    let finished = 0;
    const [load] = await Promise.all([
      closedLoop(stack.ingestUrl, { amount: orders }),
      waitAll(stack, warm + orders * 3, procs).then(() => (finished = performance.now())),
    ]);
    console.log(
      `bench: end to end: ${orders * 3} transactions in ${((finished - started) / 1000).toFixed(2)} s`,
    );
    if (load.non2xx > 0) console.warn(`bench: ${load.non2xx} non-2xx answers during end to end`);
    return (orders * 3) / ((finished - started) / 1000);
  } finally {
    await stopWorkers(procs);
  }
}

/**
 * A backlog of `orders` drained by `workers`: tx/s. The backlog builds up while the three target
 * connections are paused (a provider outage, an operator's pause) and is drained when they are
 * resumed, by workers that were already running and warm: as in production, where a worker runs
 * for days, and as for end to end and the ceilings, start-up (the JIT compiling the hot paths,
 * pools and sockets opening) is not engine throughput.
 */
export async function drainBacklog(stack: Stack, orders: number, workers: number): Promise<number> {
  const procs = startWorkers(stack, workers);
  const waker = ownDrainWaker(
    {
      redisUrl: stack.env.REDIS_URL ?? '',
      prefix: stack.env.QUEUE_PREFIX ?? '',
      drainShards: Number(stack.env.DRAIN_SHARDS ?? 2),
    },
    { warn: (details, message) => console.warn(`bench: ${message}`, details) },
  );
  try {
    await warmUp(stack, orders, procs);
    await setTargetsPaused(stack, true, waker.wake);
    console.log(`bench: a backlog of ${orders} orders in through ingest, the targets paused ...`);
    await closedLoop(stack.ingestUrl, { amount: orders });
    console.log('bench: the backlog is in');
    const backlog = await done(stack);
    await checkpoint(stack);
    await setTargetsPaused(stack, false, waker.wake);
    // The clock starts at the first completion the poll sees (start-up excluded); the rate counts
    // what completed after it.
    let first = backlog;
    await waitFor(
      'first drained transaction',
      async () => (first = await done(stack)) > backlog,
      60_000,
      20,
    );
    const started = performance.now();
    console.log('bench: drain: the clock starts');
    await waitAll(stack, backlog + orders * 3, procs);
    console.log(
      `bench: drain: the clock stops after ${((performance.now() - started) / 1000).toFixed(2)} s`,
    );
    return (backlog + orders * 3 - first) / ((performance.now() - started) / 1000);
  } finally {
    await waker.close();
    await stopWorkers(procs);
  }
}

/** Pauses (or resumes, waking their drains) the three target connections, as an admin would. */
async function setTargetsPaused(stack: Stack, paused: boolean, wake: WakeDrains) {
  const { user } = await stack.db.membership.findFirstOrThrow({
    where: { tenantId: stack.tenantId, role: 'admin' },
    select: { user: { select: { id: true, name: true } } },
  });
  for (const key of TARGETS)
    await setConnectionPaused(stack.db, stack.tenantId, stack.connectionIds[key] ?? '', paused, {
      actor: { id: user.id, label: user.name },
      reason: 'bench: a backlog builds up',
      wake,
    });
}
