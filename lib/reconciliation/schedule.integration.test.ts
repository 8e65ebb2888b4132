// Nightly reconciliation schedules against a real redis-server and PostgreSQL: one job scheduler
// per readable active flow, removed when the flow is paused; a scheduled run covers the previous
// UTC day; the sweep re-queues a running run whose job was lost, once.
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '@/lib/db';
import { createLogger } from '@/lib/observability/logger';
import { createProducerRedis } from '@/lib/queue/connection';
import { createQueues, type QueueSet } from '@/lib/queue/queues';
import { createTestDatabase } from '@/test/support/database';
import { seedFixtureTenant } from '@/test/support/ledger-fixtures';
import { startRedis } from '@/test/support/processes';
import { applyFlowSchedule } from './apply-flow-schedule';
import {
  launchScheduledRun,
  previousUtcDay,
  sweepRunningReconciliations,
  syncReconciliationSchedules,
} from './schedule';
import { JOBS } from '@/lib/queue/catalog';

/** the queue of the schedulers and of the runs they start */
const OPERATIONS = JOBS['reconciliation.scheduled'].queue;

let redisServer: Awaited<ReturnType<typeof startRedis>>;
let redis: Redis;
let queues: QueueSet;
let db: Db;
let drop: () => Promise<void>;
let tenantId: string;
let flowIds: Record<string, string>;

beforeAll(async () => {
  redisServer = await startRedis();
  redis = createProducerRedis(redisServer.url);
  queues = createQueues(redis, 'test');
  const database = await createTestDatabase();
  db = createDb({ connectionString: database.url, poolSize: 2 });
  drop = async () => {
    await db.$disconnect();
    await database.drop();
  };
  const seeded = await seedFixtureTenant(db, 'acme');
  tenantId = seeded.tenantId;
  flowIds = seeded.flowIds;
}, 60_000);
afterAll(async () => {
  await queues?.close();
  redis?.disconnect();
  await redisServer?.proc.stop();
  await drop?.();
});

const schedulerKeys = async () =>
  (await queues.get(OPERATIONS).getJobSchedulers()).map((s) => s.key).sort();

describe('reconciliation schedules', () => {
  it('keeps one nightly scheduler per readable active flow, none for polled or paused flows', async () => {
    await syncReconciliationSchedules({ db, queues });
    const keys = await schedulerKeys();
    // shipments-to-commerce: its source cannot list, its target's fulfilment can be read
    for (const key of ['orders-paid-to-warehouse', 'orders-paid-to-erp', 'shipments-to-commerce'])
      expect(keys).toContain(`reconcile-${flowIds[key]}`);
    expect(keys).not.toContain(`reconcile-${flowIds['inventory-to-commerce']}`);
    const [warehouse] = (await queues.get(OPERATIONS).getJobSchedulers()).filter(
      (s) => s.key === `reconcile-${flowIds['orders-paid-to-warehouse']}`,
    );
    expect(warehouse).toMatchObject({ pattern: '15 2 * * *', tz: 'UTC' });

    await db.flow.update({
      where: { id: flowIds['orders-paid-to-warehouse'] },
      data: { status: 'paused' },
    });
    await syncReconciliationSchedules({ db, queues });
    expect(await schedulerKeys()).not.toContain(`reconcile-${flowIds['orders-paid-to-warehouse']}`);
  });

  it('covers the whole previous UTC day', () => {
    expect(previousUtcDay(new Date('2026-11-23T02:15:00Z'))).toEqual({
      windowFrom: new Date('2026-11-22T00:00:00Z'),
      windowTo: new Date('2026-11-23T00:00:00Z'),
    });
    expect(previousUtcDay(new Date('2026-11-23T00:00:00Z')).windowTo).toEqual(
      new Date('2026-11-23T00:00:00Z'),
    );
  });

  it('starts a scheduled run as the schedule and queues it; the sweep adds no second job', async () => {
    const deps = { db, queues, log: createLogger('silent', 'test') };
    const launched = await launchScheduledRun(
      deps,
      { tenantId, flowId: flowIds['orders-paid-to-erp'] ?? '' },
      new Date('2026-11-23T02:15:00Z'),
    );
    if (launched.kind !== 'started') throw new Error('not started');
    const run = await db.reconciliationRun.findUniqueOrThrow({ where: { id: launched.runId } });
    expect(run).toMatchObject({
      trigger: 'schedule',
      requestedBy: 'schedule',
      status: 'running',
      windowFrom: new Date('2026-11-22T00:00:00Z'),
    });
    expect(await sweepRunningReconciliations({ db, queues })).toBe(1);
    const jobs = await queues.get(OPERATIONS).getJobs(['waiting', 'delayed']);
    expect(jobs.filter((j) => j.name === 'reconciliation.run').map((j) => j.id)).toEqual([
      `reconcile-${launched.runId}`,
    ]);
    const audit = await db.auditEntry.findFirstOrThrow({
      where: { action: 'reconciliation.run_started', objectId: launched.runId },
    });
    expect(audit.actorLabel).toBe('system');
  });

  it("moves a flow's scheduler to its own pattern, turns it off and on, audited, tenant-scoped", async () => {
    const deps = { db, queues, log: createLogger('silent', 'test') };
    const erp = flowIds['orders-paid-to-erp'] ?? '';
    const admin = { id: tenantId, label: 'Admin Acme' };
    const schedulerOf = async () =>
      (await queues.get(OPERATIONS).getJobSchedulers()).find((s) => s.key === `reconcile-${erp}`);

    const later = await applyFlowSchedule(deps, tenantId, erp, {
      scheduled: true,
      cron: '30 5 * * 1-5',
      actor: admin,
    });
    expect(later).toMatchObject({ scheduled: true, cron: '30 5 * * 1-5', isDefault: false });
    expect(later.next).toHaveLength(3);
    expect(await schedulerOf()).toMatchObject({ pattern: '30 5 * * 1-5', tz: 'UTC' });

    await applyFlowSchedule(deps, tenantId, erp, { scheduled: false, cron: null, actor: admin });
    expect(await schedulerOf()).toBeUndefined();
    // the worker's periodic sync agrees with the saved row: it does not bring it back
    await syncReconciliationSchedules({ db, queues });
    expect(await schedulerOf()).toBeUndefined();

    await applyFlowSchedule(deps, tenantId, erp, { scheduled: true, cron: '', actor: admin });
    expect(await schedulerOf()).toMatchObject({ pattern: '15 2 * * *' });

    const audits = await db.auditEntry.findMany({
      where: { action: 'flow.reconcile_schedule_changed', objectId: erp },
      orderBy: { seq: 'asc' },
      select: { before: true, after: true },
    });
    expect(audits.map((a) => a.after)).toEqual([
      { flow: 'orders-paid-to-erp', scheduled: true, cron: '30 5 * * 1-5' },
      { flow: 'orders-paid-to-erp', scheduled: false, cron: null },
      { flow: 'orders-paid-to-erp', scheduled: true, cron: null },
    ]);

    // another tenant's flow id answers like one that exists nowhere, and nothing changes
    const other = await seedFixtureTenant(db, 'globex');
    await expect(
      applyFlowSchedule(deps, other.tenantId, erp, { scheduled: false, cron: null, actor: admin }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await schedulerOf()).toMatchObject({ pattern: '15 2 * * *' });

    // a bad pattern is refused in words before anything is written
    await expect(
      applyFlowSchedule(deps, tenantId, erp, { scheduled: true, cron: '* * * * *', actor: admin }),
    ).rejects.toThrow('run at most once an hour');
  });
});
