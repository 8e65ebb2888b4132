// The CLI's waker against a real redis-server: it queues every drain shard of the connections it
// is told about (no connection to Redis until then), and a Redis that cannot be reached fails
// the wake-up, logged once and answered false, without throwing at the command whose commit stood.
import { createServer } from 'node:net';
import { Queue } from 'bullmq';
import { describe, expect, it } from 'vitest';
import { usePrivateRedis } from '@/test/support/private-redis';
import { drainJobId, JOBS } from './catalog';
import { ownDrainWaker } from './wake-drains';

const TENANT = '01a24ef3-0000-7000-8000-000000000001';
const CONNECTIONS = [
  '01a24ef3-0000-7000-8000-0000000000c1',
  '01a24ef3-0000-7000-8000-0000000000c2',
];
const PREFIX = '{cli-test}';

function warnings() {
  const seen: string[] = [];
  return { seen, log: { warn: (_details: unknown, message: string) => void seen.push(message) } };
}

/** A loopback port with nothing listening on it. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

describe('ownDrainWaker', () => {
  const redis = usePrivateRedis();

  it('queues every shard of each connection woken, then closes its connection', async () => {
    const { seen, log } = warnings();
    const waker = ownDrainWaker(
      { redisUrl: redis.server().url, prefix: PREFIX, drainShards: 3 },
      log,
    );
    expect(await waker.wake(TENANT, [])).toBe(true);
    expect(await waker.wake(TENANT, [...CONNECTIONS, CONNECTIONS[0]!])).toBe(true);
    await waker.close();

    const queue = new Queue(JOBS['connection.drain'].queue, {
      connection: redis.client(),
      prefix: PREFIX,
    });
    const jobs = await queue.getJobs(['waiting', 'prioritized', 'delayed']);
    await queue.close();
    expect(jobs.map((j) => j.id).sort()).toEqual(
      CONNECTIONS.flatMap((c) => [0, 1, 2].map((shard) => drainJobId(c, shard))).sort(),
    );
    expect(jobs.every((j) => (j.data as { tenantId: string }).tenantId === TENANT)).toBe(true);
    expect(seen).toEqual([]);
  });

  it('answers false and logs once when Redis cannot be reached; close still resolves', async () => {
    const { seen, log } = warnings();
    const waker = ownDrainWaker(
      {
        redisUrl: `redis://127.0.0.1:${await closedPort()}`,
        prefix: PREFIX,
        drainShards: 2,
        readyTimeoutMs: 300,
      },
      log,
    );
    expect(await waker.wake(TENANT, CONNECTIONS)).toBe(false);
    expect(seen).toEqual(['wake-up failed; the sweep will pick the work up']);
    await waker.close();
  });
});
