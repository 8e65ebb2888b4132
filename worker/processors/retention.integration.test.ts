// Retention's worker wiring on real Redis and PostgreSQL: the scheduler is set, the sweep queues
// one run per tenant with a retention (none for a tenant keeping payloads forever, never twice
// while queued), and the queue's processor runs a queued job to the end through the catalog.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '@/lib/db';
import { createLogger } from '@/lib/observability/logger';
import { JOBS } from '@/lib/queue/catalog';
import { queueProcessor, type JobHandlers } from '@/lib/queue/handlers';
import { createQueues, type QueueSet } from '@/lib/queue/queues';
import { startRetentionSchedule } from '@/lib/retention/retention-job';
import { createTestDatabase } from '@/test/support/database';
import { seedFixtureTenant } from '@/test/support/ledger-fixtures';
import { seedOldPayloads } from '@/test/support/old-payloads';
import { usePrivateRedis } from '@/test/support/private-redis';
import { retentionExpunge, retentionSweep } from './retention';

const redis = usePrivateRedis();
let db: Db;
let drop: () => Promise<void>;
let queues: QueueSet;
const ids = { acme: '', globex: '' };

beforeAll(async () => {
  const database = await createTestDatabase();
  drop = database.drop;
  db = createDb({ connectionString: database.url, poolSize: 2 });
  const acme = await seedFixtureTenant(db, 'acme');
  const globex = await seedFixtureTenant(db, 'globex');
  Object.assign(ids, { acme: acme.tenantId, globex: globex.tenantId });
  await seedOldPayloads(db, {
    tenantId: acme.tenantId,
    connectionId: acme.commerceConnectionId,
    flowId: acme.flowId,
    count: 300,
    transactions: 10,
    ageDays: 10,
  });
  await db.tenant.update({ where: { id: acme.tenantId }, data: { payloadRetentionDays: 7 } });
  queues = createQueues(redis.client(), `wbt-retention-${process.pid}`);
});

afterAll(async () => {
  await queues?.close();
  await db?.$disconnect();
  await drop?.();
});

describe('retention in the worker', () => {
  const deps = () => ({
    db,
    queues,
    log: createLogger('silent', 'test'),
    batchSize: 100,
    shouldStop: () => false,
  });

  it('schedules the sweep on the retention queue', async () => {
    await startRetentionSchedule(queues, 3_600_000);
    const schedulers = await queues.get('retention').getJobSchedulers();
    expect(schedulers).toMatchObject([{ key: 'retention-sweep', every: 3_600_000 }]);
  });

  it('queues one run per tenant with a retention, once while it waits', async () => {
    const sweep = retentionSweep(deps());
    expect(await sweep({}, { name: 'retention.sweep' })).toBe('1 retention runs queued');
    expect(await sweep({}, { name: 'retention.sweep' })).toBe('1 retention runs queued');
    const waiting = (await queues.get('retention').getJobs(['waiting', 'delayed'])).filter(
      (j) => j.name === 'retention.expunge',
    );
    expect(waiting.map((j): unknown[] => [j.id, j.data])).toEqual([
      [JOBS['retention.expunge'].jobId({ tenantId: ids.acme }), { tenantId: ids.acme }],
    ]);
  });

  it("runs a queued job through the catalog: the tenant's old bodies become the marker", async () => {
    const handlers = {
      'retention.expunge': retentionExpunge(deps()),
    } as Partial<JobHandlers> as JobHandlers;
    const [job] = await queues.get('retention').getJobs(['waiting']);
    if (!job) throw new Error('no queued retention job');
    const answer = await queueProcessor(
      'retention',
      handlers,
    )({
      id: job.id,
      name: job.name,
      data: job.data,
    });
    expect(answer).toBe('300 inbound, 20 timeline, 0 drift expunged');
    const left = await db.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM inbound_events WHERE body NOT LIKE '{"expunged"%'`;
    expect(left[0]?.n).toBe(0);
    // a job for a queue it is not on fails instead of running the wrong code
    await expect(
      queueProcessor('maintenance', handlers)({ name: 'retention.expunge', data: job.data }),
    ).rejects.toThrow(/not in the catalog for queue maintenance/);
  });
});
