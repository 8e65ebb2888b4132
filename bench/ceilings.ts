// The raw ceilings `npm run bench` puts beside the product's figures, measured in the same run:
// PostgreSQL's commit rate (pgbench) and BullMQ's no-op job rate on the bench's own Redis.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { waitFor } from '@/test/support/processes';

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
