import { describe, expect, it, vi } from 'vitest';
import type { Queue } from 'bullmq';
import { DEFAULT_DRAIN_SHARDS, JOBS, MAX_DRAIN_SHARDS, drainJobId, drainJobs } from './catalog';
import type { QueueSet } from './queues';
import { drainWaker, wakeDispatchers } from './wake-drains';

const TENANT = '0190a0b0-0000-7000-8000-000000000001';
const A = '0190a0b0-0000-7000-8000-00000000000a';
const B = '0190a0b0-0000-7000-8000-00000000000b';

/** A queue set that records what would be added, per queue. */
function recordingQueues(drainShards: number) {
  const added: { queue: string; name: string; data: unknown; jobId: unknown }[] = [];
  const queues: QueueSet = {
    drainShards,
    get: (queue) =>
      ({
        addBulk: (jobs: { name: string; data: unknown; opts: { jobId?: string } }[]) => {
          for (const j of jobs)
            added.push({ queue, name: j.name, data: j.data, jobId: j.opts.jobId });
          return Promise.resolve([]);
        },
      }) as unknown as Queue,
    close: () => Promise.resolve(),
  };
  return { queues, added };
}

describe('drain shard jobs', () => {
  it('names one job per connection and shard', () => {
    expect(drainJobId(A, 0)).toBe(`drain-${A}-0`);
    expect(drainJobId(A, 1)).toBe(`drain-${A}-1`);
    const jobId = JOBS['connection.drain'].jobId;
    expect(jobId({ connectionId: A, shard: 3 })).toBe(`drain-${A}-3`);
  });

  it('treats a job queued before shards existed as shard 0', () => {
    const spec = JOBS['connection.drain'];
    const old = spec.schema.parse({ tenantId: TENANT, connectionId: A });
    expect(old).toEqual({ tenantId: TENANT, connectionId: A });
    expect(spec.jobId(old)).toBe(`drain-${A}-0`);
  });

  it('refuses a shard number that is not one', () => {
    const schema = JOBS['connection.drain'].schema;
    for (const shard of [-1, 1.5, MAX_DRAIN_SHARDS, '1'])
      expect(schema.safeParse({ tenantId: TENANT, connectionId: A, shard }).success).toBe(false);
    expect(schema.safeParse({ tenantId: TENANT, connectionId: A, shard: 63 }).success).toBe(true);
  });

  it('wakes every shard of each connection once', () => {
    expect(drainJobs(TENANT, [A, B, A], 2)).toEqual([
      { tenantId: TENANT, connectionId: A, shard: 0 },
      { tenantId: TENANT, connectionId: A, shard: 1 },
      { tenantId: TENANT, connectionId: B, shard: 0 },
      { tenantId: TENANT, connectionId: B, shard: 1 },
    ]);
    expect(drainJobs(TENANT, [], 2)).toEqual([]);
  });

  it('keeps the number of shards between 1 and the most allowed', () => {
    expect(drainJobs(TENANT, [A], 0)).toHaveLength(1);
    expect(drainJobs(TENANT, [A], 2.7)).toHaveLength(2);
    expect(drainJobs(TENANT, [A], 1000)).toHaveLength(MAX_DRAIN_SHARDS);
    expect(DEFAULT_DRAIN_SHARDS).toBe(2);
  });

  it('a wake-up queues every shard job on the dispatch queue under its id', async () => {
    const { queues, added } = recordingQueues(3);
    await wakeDispatchers(queues, TENANT, [A, A]);
    expect(added).toEqual(
      [0, 1, 2].map((shard) => ({
        queue: 'dispatch',
        name: 'connection.drain',
        data: { tenantId: TENANT, connectionId: A, shard },
        jobId: `drain-${A}-${shard}`,
      })),
    );
  });

  it('wake-ups of one turn share one addBulk; a later turn queues again', async () => {
    const { queues, added } = recordingQueues(1);
    let calls = 0;
    const counting: QueueSet = {
      ...queues,
      get: (queue) => {
        const inner = queues.get(queue);
        return {
          addBulk: (jobs: Parameters<Queue['addBulk']>[0]) => {
            calls += 1;
            return inner.addBulk(jobs);
          },
        } as unknown as Queue;
      },
    };
    const wake = drainWaker({ queues: counting, log: { warn: () => undefined } });
    const other = '0190a0b0-0000-7000-8000-000000000002';
    const answers = await Promise.all([wake(TENANT, [A]), wake(TENANT, [A, B]), wake(other, [A])]);
    expect(answers).toEqual([true, true, true]);
    expect(calls).toBe(1);
    expect(added.map((j) => j.data)).toEqual([
      { tenantId: TENANT, connectionId: A, shard: 0 },
      { tenantId: TENANT, connectionId: B, shard: 0 },
      { tenantId: other, connectionId: A, shard: 0 },
    ]);
    await wake(TENANT, [B]);
    expect(calls).toBe(2);
    expect(await wake(TENANT, [])).toBe(true);
    expect(calls).toBe(2);
  });

  it('with a minimum interval: the first wake-up goes at once, later ones wait and go together', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'setImmediate', 'Date'] });
    try {
      const { queues, added } = recordingQueues(1);
      const flushes: number[] = [];
      const counting: QueueSet = {
        ...queues,
        get: (queue) => {
          const inner = queues.get(queue);
          return {
            addBulk: (jobs: Parameters<Queue['addBulk']>[0]) => {
              flushes.push(Date.now());
              return inner.addBulk(jobs);
            },
          } as unknown as Queue;
        },
      };
      const wake = drainWaker(
        { queues: counting, log: { warn: () => undefined } },
        { minIntervalMs: 20 },
      );
      const start = Date.now();
      const first = wake(TENANT, [A]);
      await vi.advanceTimersByTimeAsync(0);
      expect(await first).toBe(true);
      expect(flushes).toEqual([start]);
      // two more within the interval: nothing yet, then one addBulk with both at its end
      await vi.advanceTimersByTimeAsync(5);
      const second = wake(TENANT, [B]);
      const third = wake(TENANT, [A]);
      await vi.advanceTimersByTimeAsync(10);
      expect(flushes).toHaveLength(1);
      await vi.advanceTimersByTimeAsync(5);
      expect(await Promise.all([second, third])).toEqual([true, true]);
      expect(flushes).toEqual([start, start + 20]);
      expect(added.slice(1).map((j) => (j.data as { connectionId: string }).connectionId)).toEqual([
        B,
        A,
      ]);
      // after a quiet interval, the next one goes at once again
      await vi.advanceTimersByTimeAsync(100);
      const later = wake(TENANT, [B]);
      await vi.advanceTimersByTimeAsync(0);
      expect(await later).toBe(true);
      expect(flushes).toEqual([start, start + 20, start + 120]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('a failed wake-up answers false to every caller of its turn and is logged, never thrown', async () => {
    const warned: unknown[] = [];
    const broken: QueueSet = {
      drainShards: 1,
      get: () => ({ addBulk: () => Promise.reject(new Error('redis down')) }) as unknown as Queue,
      close: () => Promise.resolve(),
    };
    const wake = drainWaker({ queues: broken, log: { warn: (d) => void warned.push(d) } });
    expect(await Promise.all([wake(TENANT, [A]), wake(TENANT, [B])])).toEqual([false, false]);
    expect(warned).toEqual([
      {
        err: 'redis down',
        connections: [{ tenantId: TENANT, connectionIds: [A, B] }],
      },
    ]);
  });
});
