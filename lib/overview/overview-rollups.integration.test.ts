// The hourly roll-up against a real PostgreSQL ledger: the Overview read through the roll-up
// equals the one scanned live (counts, series, failure classes, latency percentiles), a refresh
// picks up a status changed after its hour closed, hours not rolled up yet are read live, and a
// tenant's refresh neither reads nor writes another tenant's rows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tenantDb } from '@/lib/db';
import { seededLedger, type SeededLedger } from '@/test/support/ledger-fixtures';
import { demoTenant, placeTransaction, type FixtureTenant } from '@/test/support/overview-fixtures';
import { getOverview } from './overview.presenter';
import { refreshOverviewRollups } from './refresh-rollups';
import { runOverviewRollup } from './rollup-job';

const NOW = new Date('2026-03-04T10:20:00.000Z');
const ago = (minutes: number) => new Date(NOW.getTime() - minutes * 60_000);
const W = 'orders-paid-to-warehouse';
const ERP = 'orders-paid-to-erp';

let ledger: SeededLedger;
let acme: FixtureTenant;
let globex: FixtureTenant;
let lateFailure = '';

beforeAll(async () => {
  ledger = await seededLedger();
  acme = await demoTenant(ledger.db, 'acme');
  globex = await demoTenant(ledger.db, 'globex');
  // Every few hours over 5 days: completions with spread latencies (shared buckets across hours
  // and with the open hour), failures of several classes, retries, cancellations.
  for (let h = 0; h < 120; h += 7) {
    const at = ago(h * 60 + 13);
    for (const [i, ms] of [120, 480, 2_500, 9_000 + h].entries())
      await placeTransaction(acme, {
        flow: i % 2 ? ERP : W,
        status: 'completed',
        createdAt: at,
        completedAt: new Date(at.getTime() + ms),
      });
    await placeTransaction(acme, {
      flow: W,
      status: h % 3 ? 'failed' : 'needs_review',
      errorClass: h % 2 ? 'timeout' : 'validation',
      createdAt: at,
    });
    await placeTransaction(acme, { flow: ERP, status: 'cancelled', createdAt: at });
  }
  lateFailure = await placeTransaction(acme, {
    flow: W,
    status: 'waiting_retry',
    errorClass: 'provider_outage',
    createdAt: ago(5 * 60),
  });
  // The open hour: read live whatever the roll-up holds.
  for (const ms of [120, 470])
    await placeTransaction(acme, {
      flow: W,
      status: 'completed',
      createdAt: ago(5),
      completedAt: new Date(ago(5).getTime() + ms),
    });
  await placeTransaction(acme, { flow: W, status: 'received', createdAt: ago(2) });
  await placeTransaction(globex, { flow: W, status: 'completed', createdAt: ago(3 * 60) });
});
afterAll(async () => {
  await ledger?.drop();
});

const overview = (t: FixtureTenant, window: '24h' | '7d') =>
  getOverview(ledger.db, t.tenantId, { window, now: NOW });
const rollupRows = async (t: FixtureTenant) => {
  const rows = await ledger.db.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM overview_hourly WHERE tenant_id = ${t.tenantId}::uuid`;
  return rows[0]?.n ?? 0;
};
const clearRollups = () => ledger.db.$executeRaw`DELETE FROM overview_hourly`;

describe('getOverview() through the hourly roll-up', () => {
  it('equals the live overview for the 24-hour and 7-day windows', async () => {
    await clearRollups();
    const live = { day: await overview(acme, '24h'), week: await overview(acme, '7d') };
    expect(live.week.totals.received).toBeGreaterThan(100);
    const r = await refreshOverviewRollups(ledger.db, {
      tenantId: acme.tenantId,
      from: ago(8 * 24 * 60),
      to: NOW,
      now: NOW,
    });
    expect(r).toMatchObject({ tenants: 1, hours: 8 * 24 });
    expect(r.rows).toBeGreaterThan(0);
    expect(await overview(acme, '24h')).toEqual(live.day);
    expect(await overview(acme, '7d')).toEqual(live.week);
    expect(await rollupRows(globex)).toBe(0);
  });

  it('reads live the hours after the last rolled-up one (no worker yet, or behind)', async () => {
    await clearRollups();
    const live = await overview(acme, '7d');
    await refreshOverviewRollups(ledger.db, {
      tenantId: acme.tenantId,
      from: ago(8 * 24 * 60),
      to: ago(30 * 60),
      now: NOW,
    });
    expect(await overview(acme, '7d')).toEqual(live);
  });

  it('shows a status changed after its hour closed once the hour is refreshed', async () => {
    await runOverviewRollup(ledger.db, { lookbackHours: 48 }, NOW);
    const before = await overview(acme, '24h');
    await tenantDb(ledger.db, acme.tenantId).transaction.update({
      where: { id: lateFailure },
      data: { status: 'failed', errorClass: 'auth' },
    });
    // read from the roll-up: stale until its hour is recomputed
    expect((await overview(acme, '24h')).totals.failed).toBe(before.totals.failed);
    const live = await (async () => {
      await clearRollups();
      return overview(acme, '24h');
    })();
    expect(live.totals.failed).toBe(before.totals.failed + 1);
    await runOverviewRollup(ledger.db, { lookbackHours: 48 }, NOW);
    expect(await rollupRows(acme)).toBeGreaterThan(0);
    expect(await overview(acme, '24h')).toEqual(live);
  });

  it('keeps tenants apart: every tenant rolled up, each overview only its own', async () => {
    await clearRollups();
    const live = { acme: await overview(acme, '7d'), globex: await overview(globex, '7d') };
    const r = await refreshOverviewRollups(ledger.db, {
      from: ago(8 * 24 * 60),
      to: NOW,
      now: NOW,
    });
    expect(r.tenants).toBe(2);
    expect(await rollupRows(globex)).toBe(1);
    expect(await overview(acme, '7d')).toEqual(live.acme);
    expect(await overview(globex, '7d')).toEqual(live.globex);
    expect(live.globex.totals).toMatchObject({ received: 1, completed: 1 });
  });

  it('refreshes only closed hours and is idempotent', async () => {
    await clearRollups();
    const range = { tenantId: acme.tenantId, from: ago(3 * 60), to: ago(-60), now: NOW };
    const first = await refreshOverviewRollups(ledger.db, range);
    const again = await refreshOverviewRollups(ledger.db, range);
    expect(first.hours).toBe(3);
    expect(again.rows).toBe(first.rows);
    const [open] = await ledger.db.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM overview_hourly WHERE hour >= ${ago(20)}::timestamptz`;
    expect(open?.n).toBe(0);
  });
});
