// getOverview() against a real PostgreSQL ledger: transactions placed at known times and outcomes,
// then the window counts, rates, latency percentiles, backlog, a business check (an SLA rule) and
// tenant isolation are read back exactly (latency percentiles to within the histogram's 1 %).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededLedger, type SeededLedger } from '@/test/support/ledger-fixtures';
import {
  demoTenant,
  placeTransaction,
  type FixtureTenant,
  type PlacedTransaction,
} from '@/test/support/overview-fixtures';
import { getOverview, type Overview } from './overview.presenter';

const NOW = new Date('2026-03-04T10:20:00.000Z');
const ago = (minutes: number) => new Date(NOW.getTime() - minutes * 60_000);
const afterSeconds = (at: Date, s: number) => new Date(at.getTime() + s * 1000);
const W = 'orders-paid-to-warehouse';
const ERP = 'orders-paid-to-erp';

let ledger: SeededLedger;
let acme: FixtureTenant;
let globex: FixtureTenant;
const ids: Record<string, string> = {};

async function place(t: FixtureTenant, name: string, p: PlacedTransaction) {
  ids[name] = await placeTransaction(t, p);
}

beforeAll(async () => {
  ledger = await seededLedger();
  acme = await demoTenant(ledger.db, 'acme');
  globex = await demoTenant(ledger.db, 'globex');
  const at130 = ago(130);
  for (const [i, s] of [1, 2, 3, 4].entries())
    await place(acme, `w-done-${i}`, {
      flow: W,
      status: 'completed',
      createdAt: at130,
      completedAt: afterSeconds(at130, s),
    });
  await place(acme, 'w-failed', {
    flow: W,
    status: 'failed',
    errorClass: 'timeout',
    createdAt: ago(125),
    businessKey: '2001',
  });
  await place(acme, 'w-review', {
    flow: W,
    status: 'needs_review',
    errorClass: 'validation',
    createdAt: ago(40),
    businessKey: '2002',
  });
  await place(acme, 'w-retry', {
    flow: W,
    status: 'waiting_retry',
    errorClass: 'provider_outage',
    createdAt: ago(180),
    businessKey: '2003',
  });
  await place(acme, 'w-fresh', { flow: W, status: 'received', createdAt: ago(10) });
  await place(acme, 'w-ancient', {
    flow: W,
    status: 'received',
    createdAt: ago(3 * 24 * 60),
    businessKey: '1001',
  });
  await place(acme, 'w-old-done', { flow: W, status: 'completed', createdAt: ago(26 * 60) });
  await place(acme, 'w-cancelled', { flow: W, status: 'cancelled', createdAt: ago(60) });
  for (const [i, s] of [10, 20].entries())
    await place(acme, `e-done-${i}`, {
      flow: ERP,
      status: 'completed',
      createdAt: ago(30),
      completedAt: afterSeconds(ago(30), s),
    });
  await place(acme, 'e-failed', {
    flow: ERP,
    status: 'failed',
    errorClass: 'auth',
    createdAt: ago(30),
  });
  // The other tenant: traffic and a stuck fulfilment that must never show up in acme's figures.
  await place(globex, 'g-done', { flow: W, status: 'completed', createdAt: ago(50) });
  await place(globex, 'g-stuck', {
    flow: W,
    status: 'failed',
    errorClass: 'auth',
    createdAt: ago(300),
    businessKey: '9999',
  });
});
afterAll(async () => {
  await ledger?.drop();
});

const overview = (t: FixtureTenant, window: '1h' | '24h' | '7d' = '24h') =>
  getOverview(ledger.db, t.tenantId, { window, now: NOW });
const flowOf = (o: Overview, key: string, t: FixtureTenant = acme) => {
  const flow = o.flows.find((f) => f.id === t.flows[key]);
  if (!flow) throw new Error(`flow ${key} missing from the overview`);
  return flow;
};

describe('getOverview() over the last 24 hours', () => {
  it('counts arrivals in the window per flow by outcome, with success rates', async () => {
    const o = await overview(acme);
    expect(flowOf(o, W).counts).toEqual({
      received: 9,
      completed: 4,
      failed: 2,
      cancelled: 1,
      inProgress: 2,
    });
    expect(flowOf(o, W).successRate).toBe(66.7);
    expect(flowOf(o, ERP).counts).toMatchObject({ received: 3, completed: 2, failed: 1 });
    expect(o.totals).toMatchObject({
      received: 12,
      completed: 6,
      failed: 3,
      cancelled: 1,
      inProgress: 2,
      successRate: 66.7,
    });
    expect(flowOf(o, 'refunds-to-erp').successRate).toBeNull();
  });

  it('draws 24 hourly buckets, zero-filled, each arrival in its hour', async () => {
    const o = await overview(acme);
    expect(o.window).toMatchObject({ name: '24h', from: '2026-03-03T11:00:00.000Z' });
    expect(o.outcomes).toHaveLength(24);
    expect(o.outcomes.at(-1)?.at).toBe('2026-03-04T10:00:00.000Z');
    const received = o.outcomes.map((p) => p.received);
    expect(received.slice(0, 20).every((n) => n === 0)).toBe(true);
    expect(received.slice(20)).toEqual([1, 5, 5, 1]);
    const w = acme.flows[W] ?? '';
    expect(o.throughput.map((p) => p.byFlow[w])).toEqual([
      ...Array<number>(20).fill(0),
      1,
      5,
      2,
      1,
    ]);
  });

  it('charts failing arrivals by error class, the largest class first', async () => {
    const o = await overview(acme);
    expect(o.failures.classes.map((c) => c.name).sort()).toEqual(
      ['auth', 'provider_outage', 'timeout', 'validation'].sort(),
    );
    expect(o.failures.points[20]?.byClass).toMatchObject({ provider_outage: 1, timeout: 0 });
    expect(o.failures.points[21]?.byClass).toMatchObject({ timeout: 1 });
    expect(o.failures.points[22]?.byClass).toMatchObject({ validation: 1, auth: 1 });
  });

  it('reports p50/p95 processing latency of what arrived and completed in the window', async () => {
    const o = await overview(acme);
    // percentile_cont of the exact latencies is 2500/3850 and 15000/19500 ms; the histogram
    // places each value within its 2 % wide bucket, so a percentile is off by at most 1 %.
    for (const [key, p50, p95, samples] of [
      [W, 2500, 3850, 4],
      [ERP, 15_000, 19_500, 2],
    ] as const) {
      const { latency } = flowOf(o, key);
      expect(latency.samples).toBe(samples);
      expect(Math.abs((latency.p50Ms ?? 0) - p50)).toBeLessThanOrEqual(p50 * 0.01);
      expect(Math.abs((latency.p95Ms ?? 0) - p95)).toBeLessThanOrEqual(p95 * 0.01);
    }
    expect(flowOf(o, 'refunds-to-erp').latency).toEqual({ p50Ms: null, p95Ms: null, samples: 0 });
  });

  it('shows backlog and the oldest pending age of any age, with retries counted', async () => {
    const o = await overview(acme);
    expect(flowOf(o, W).backlog).toMatchObject({
      total: 3,
      oldestPendingAgeSeconds: 3 * 24 * 3600,
    });
    expect(flowOf(o, W).retrying).toBe(1);
    expect(o.totals).toMatchObject({ backlog: 3, oldestPendingAgeSeconds: 3 * 24 * 3600 });
    expect(o.connections.find((c) => c.key === 'warehouse')?.backlog.total).toBe(3);
  });

  it('shows each SLA rule as a business check: late keys now, oldest first, breaches as trend', async () => {
    const rule = await ledger.db.slaRule.create({
      data: {
        tenantId: acme.tenantId,
        name: 'Paid orders in the warehouse within 30 minutes',
        expectFlowId: acme.flows[W] ?? '',
        withinMinutes: 30,
      },
    });
    await ledger.db.slaBreach.create({
      data: {
        tenantId: acme.tenantId,
        ruleId: rule.id,
        businessKey: '2003',
        dueAt: ago(150),
        breachedAt: ago(90),
      },
    });
    try {
      const o = await overview(acme);
      expect(o.businessChecks).toHaveLength(1);
      const [check] = o.businessChecks;
      // unsettled, older than 30 minutes, within the day the check looks back (1001 is 3 days old:
      // history, in the error queues, not news)
      expect(check).toMatchObject({ id: rule.id, late: 3, withinMinutes: 30, startFlow: null });
      expect(check?.oldest.map((k) => k.businessKey)).toEqual(['2003', '2001', '2002']);
      expect(check?.oldest[0]).toMatchObject({
        transactionId: ids['w-retry'],
        dueAt: ago(150).toISOString(),
      });
      expect(check?.trend).toHaveLength(24);
      expect(check?.trend.reduce((n, t) => n + t.breaches, 0)).toBe(1);
      expect(o.quiet).toBe(false);
    } finally {
      await ledger.db.slaRule.delete({ where: { id: rule.id } });
    }
  });

  it('keeps tenants apart', async () => {
    const o = await overview(globex);
    expect(o.totals).toMatchObject({ received: 2, completed: 1, failed: 1, backlog: 0 });
    const rule = await ledger.db.slaRule.create({
      data: {
        tenantId: acme.tenantId,
        name: 'Warehouse within 30 minutes',
        expectFlowId: acme.flows[W] ?? '',
        withinMinutes: 30,
      },
    });
    try {
      expect((await overview(globex)).businessChecks).toEqual([]);
      const mine = await overview(acme);
      expect(mine.businessChecks[0]?.oldest.map((k) => k.businessKey)).not.toContain('9999');
      expect(mine.flows.every((f) => Object.values(acme.flows).includes(f.id))).toBe(true);
    } finally {
      await ledger.db.slaRule.delete({ where: { id: rule.id } });
    }
  });
});

describe('getOverview() windows and states', () => {
  it('looks at twelve 5-minute buckets over the last hour', async () => {
    const o = await overview(acme, '1h');
    expect(o.outcomes).toHaveLength(12);
    expect(o.window.from).toBe('2026-03-04T09:25:00.000Z');
    expect(flowOf(o, W).counts.received).toBe(2);
    expect(flowOf(o, ERP).counts.received).toBe(3);
  });

  it('includes everything of the last 7 days, hour by hour', async () => {
    const o = await overview(acme, '7d');
    expect(o.outcomes).toHaveLength(168);
    expect(o.totals.received).toBe(14);
  });

  it('names a paused connection with the work waiting behind it', async () => {
    const warehouse = acme.connections.warehouse ?? '';
    await ledger.db.connection.update({ where: { id: warehouse }, data: { status: 'paused' } });
    try {
      const o = await overview(acme);
      expect(o.paused).toEqual([
        // paused here without a reason (a row written directly): none is made up
        {
          kind: 'connection',
          id: warehouse,
          name: 'Warehouse',
          waiting: 3,
          pause: { at: null, by: null, reason: null },
        },
      ]);
      expect(flowOf(o, W).heldByPausedTarget).toBe(true);
    } finally {
      await ledger.db.connection.update({ where: { id: warehouse }, data: { status: 'active' } });
    }
  });

  it('is quiet for a tenant without traffic', async () => {
    const empty = await demoTenant(ledger.db, 'initech');
    const o = await overview(empty);
    expect(o.quiet).toBe(true);
    expect(o.totals).toMatchObject({ received: 0, successRate: null, backlog: 0 });
    expect(o.businessChecks).toEqual([]);
    expect(o.flows.length).toBeGreaterThan(0);
  });
});
