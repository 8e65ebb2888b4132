// The raw ceilings `npm run bench` puts beside the product's figures, measured in the same run:
// the provider calls a dispatcher must make (bench/provider-call-ceiling.ts), PostgreSQL's commit
// rate (pgbench) and BullMQ's no-op job rate on the bench's own Redis. The ledger-write and bare
// INSERT ceilings are servers (bench/ledger-write-server.ts, bench/ceiling-server.ts).
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { startProcess, waitFor } from '@/test/support/processes';
import { TEST_SECRETS, type Stack } from '@/test/support/stack';

/**
 * Fan-out calls per second by a bare keep-alive client in its own process, `concurrency` in flight
 * per target (all three targets at once), against the stack's simulators as they are set now.
 */
export async function providerCallCeiling(
  stack: Stack,
  seconds: number,
  concurrency: number,
): Promise<{ perSecond: number; errors: number; byTarget: Record<string, number> }> {
  const proc = startProcess(
    'provider-ceiling',
    process.execPath,
    ['--import', 'tsx', 'bench/provider-call-ceiling.ts'],
    {
      WAREHOUSE_URL: stack.warehouse.url,
      WAREHOUSE_TOKEN: TEST_SECRETS.warehouseToken,
      ERP_URL: stack.erp.url,
      ERP_KEY: TEST_SECRETS.erpApiKey,
      CRM_URL: stack.crm.url,
      CRM_KEY: TEST_SECRETS.crmApiKey,
      CONCURRENCY: String(concurrency),
      SECONDS: String(seconds),
    },
  );
  const code = await new Promise<number | null>((resolve) =>
    proc.child.once('close', (c: number | null) => resolve(c)),
  );
  await proc.stop();
  const line = proc
    .output()
    .split('\n')
    .find((l) => l.startsWith('{"calls"'));
  if (code !== 0 || !line)
    throw new Error(`provider-call ceiling failed (exit ${code}):\n${proc.output()}`);
  const r = JSON.parse(line) as {
    calls: number;
    errors: number;
    seconds: number;
    byTarget: Record<string, number>;
  };
  if (r.errors > 0) console.warn(`bench: ${r.errors} provider-call ceiling calls failed`);
  return { perSecond: r.calls / r.seconds, errors: r.errors, byTarget: r.byTarget };
}

/** Single-row INSERT commits per second: 16 clients for `seconds`, on the bench's database. */
export function pgbench(databaseUrl: string, seconds: number): number {
  const url = new URL(databaseUrl);
  const db = url.pathname.slice(1);
  const server = ['-h', url.hostname, '-p', url.port || '5432', '-U', url.username || 'postgres'];
  execFileSync('psql', [
    ...server,
    '-d',
    db,
    '-qc',
    'CREATE TABLE IF NOT EXISTS bench_pgbench (id bigserial PRIMARY KEY, body text NOT NULL)',
  ]);
  const script = '.tmp/pgbench-insert.sql';
  writeFileSync(script, "INSERT INTO bench_pgbench (body) VALUES (repeat('x', 1000));\n");
  const out = execFileSync(
    'pgbench',
    [...server, '-n', '-c', '16', '-j', '2', '-T', String(seconds), '-f', script, db],
    { encoding: 'utf8' },
  );
  const tps = /tps = ([\d.]+)/.exec(out)?.[1];
  if (!tps) throw new Error(`pgbench printed no tps:\n${out}`);
  return Number(tps);
}

/** BullMQ's own floor: 20,000 no-op jobs added in bulk, then processed at concurrency 50. */
export async function bullmqNoop(
  redisUrl: string,
): Promise<{ addPerSecond: number; processPerSecond: number }> {
  const connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const queue = new Queue('bench-noop', { connection, prefix: 'bench' });
  const jobs = Array.from({ length: 20_000 }, (_, i) => ({ name: 'noop', data: { i } }));
  const addStart = performance.now();
  for (let i = 0; i < jobs.length; i += 1000) await queue.addBulk(jobs.slice(i, i + 1000));
  const addPerSecond = jobs.length / ((performance.now() - addStart) / 1000);
  let done = 0;
  const processStart = performance.now();
  const workerConnection = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const worker = new Worker('bench-noop', () => Promise.resolve(++done), {
    connection: workerConnection,
    prefix: 'bench',
    concurrency: 50,
    removeOnComplete: { count: 0 },
  });
  await waitFor('no-op jobs', () => Promise.resolve(done >= jobs.length), 120_000, 20);
  const processPerSecond = jobs.length / ((performance.now() - processStart) / 1000);
  await worker.close();
  await queue.obliterate({ force: true });
  await queue.close();
  connection.disconnect();
  workerConnection.disconnect();
  return { addPerSecond, processPerSecond };
}
