// Absence checks against a real ledger: the warehouse is paused (its transactions stay paused or
// received) past the deadline, so breaches are raised once per order; when the warehouse resumes
// and the transactions complete, the breaches clear and leave the Overview and the error queues.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tenantDb } from '@/lib/db';
import { seededLedger, type SeededLedger } from '@/test/support/ledger-fixtures';
import { demoTenant, placeTransaction, type FixtureTenant } from '@/test/support/overview-fixtures';
import { checkSlas } from './check-slas';
import { listOpenSlaBreaches } from './sla-breaches.presenter';

const W = 'orders-paid-to-warehouse';
const ERP = 'orders-paid-to-erp';
const now = new Date();
const ago = (minutes: number) => new Date(now.getTime() - minutes * 60_000);

let ledger: SeededLedger;
let acme: FixtureTenant;
let globex: FixtureTenant;

beforeAll(async () => {
  ledger = await seededLedger();
  acme = await demoTenant(ledger.db, 'acme');
  globex = await demoTenant(ledger.db, 'globex');
});
afterAll(async () => ledger?.drop());

function rule(t: FixtureTenant, name: string, within: number, startFlow?: string) {
  return tenantDb(t.db, t.tenantId).slaRule.create({
    data: {
      tenantId: t.tenantId,
      name,
      withinMinutes: within,
      expectFlowId: t.flows[W] ?? '',
      startFlowId: startFlow ? (t.flows[startFlow] ?? null) : null,
    },
    select: { id: true },
  });
}

async function breachesOf(t: FixtureTenant, ruleId: string) {
  return tenantDb(t.db, t.tenantId).slaBreach.findMany({
    where: { ruleId },
    select: { businessKey: true, clearedAt: true, dueAt: true, startedById: true },
    orderBy: { businessKey: 'asc' },
  });
}

describe('an SLA on the warehouse flow alone (clock: the transaction was created)', () => {
  it('raises a breach per late order once, and clears it when the step completes', async () => {
    const { id } = await rule(acme, 'warehouse acknowledgement', 30);
    const paused = [];
    for (const key of ['A-1', 'A-2', 'A-3'])
      paused.push(
        await placeTransaction(acme, {
          flow: W,
          status: 'paused',
          createdAt: ago(45),
          businessKey: key,
        }),
      );
    await placeTransaction(acme, {
      flow: W,
      status: 'received',
      createdAt: ago(10),
      businessKey: 'A-4',
    });
    await placeTransaction(acme, {
      flow: W,
      status: 'completed',
      createdAt: ago(45),
      businessKey: 'A-5',
    });
    await placeTransaction(acme, {
      flow: W,
      status: 'cancelled',
      createdAt: ago(45),
      businessKey: 'A-6',
    });
    // another tenant's identical rule and late order stay its own
    const other = await rule(globex, 'warehouse acknowledgement', 30);
    await placeTransaction(globex, {
      flow: W,
      status: 'paused',
      createdAt: ago(45),
      businessKey: 'A-1',
    });

    const first = await checkSlas(ledger.db, { tenantId: acme.tenantId, now });
    expect(first).toEqual({ rules: 1, raised: 3, cleared: 0 });
    const raised = await breachesOf(acme, id);
    expect(raised.map((b) => b.businessKey)).toEqual(['A-1', 'A-2', 'A-3']);
    expect(raised.every((b) => b.clearedAt === null)).toBe(true);
    expect(raised[0]?.dueAt.getTime()).toBe(ago(15).getTime());
    expect(await breachesOf(globex, other.id)).toEqual([]);

    // every minute again: nothing new
    expect(await checkSlas(ledger.db, { tenantId: acme.tenantId, now })).toMatchObject({
      raised: 0,
    });

    const shown = await listOpenSlaBreaches(ledger.db, acme.tenantId);
    expect(shown.total).toBe(3);
    expect(shown.groups[0]).toMatchObject({
      ruleId: id,
      errorClass: 'sla_breach',
      open: 3,
      businessKeys: ['A-1', 'A-2', 'A-3'],
      summary: '3 orders past their SLA: warehouse acknowledgement within 30 min',
    });
    expect((await listOpenSlaBreaches(ledger.db, globex.tenantId)).total).toBe(0);

    // the warehouse resumes: two orders complete
    await tenantDb(acme.db, acme.tenantId).transaction.updateMany({
      where: { id: { in: paused.slice(0, 2) } },
      data: { status: 'completed', completedAt: now },
    });
    expect(await checkSlas(ledger.db, { tenantId: acme.tenantId, now })).toMatchObject({
      raised: 0,
      cleared: 2,
    });
    const after = await listOpenSlaBreaches(ledger.db, acme.tenantId);
    expect(after.groups[0]).toMatchObject({ open: 1, businessKeys: ['A-3'] });

    await tenantDb(acme.db, acme.tenantId).slaRule.update({
      where: { id },
      data: { enabled: false },
    });
    expect((await listOpenSlaBreaches(ledger.db, acme.tenantId)).total).toBe(0);
  });
});

describe('an SLA from payment to warehouse (clock: the ERP transaction completed)', () => {
  it('breaches late and absent warehouse transactions, timed from the payment', async () => {
    const { id } = await rule(acme, 'warehouse after payment', 30, ERP);
    const paid = ago(40);
    const erpLate = await placeTransaction(acme, {
      flow: ERP,
      status: 'completed',
      createdAt: ago(41),
      completedAt: paid,
      businessKey: 'P-1',
    });
    await placeTransaction(acme, {
      flow: W,
      status: 'paused',
      createdAt: ago(41),
      businessKey: 'P-1',
    });
    // paid, and the warehouse never heard of it
    await placeTransaction(acme, {
      flow: ERP,
      status: 'completed',
      createdAt: ago(50),
      businessKey: 'P-2',
    });
    // paid recently: still within the SLA
    await placeTransaction(acme, {
      flow: ERP,
      status: 'completed',
      createdAt: ago(10),
      businessKey: 'P-3',
    });
    // payment not recorded: the clock has not started
    await placeTransaction(acme, {
      flow: ERP,
      status: 'failed',
      createdAt: ago(50),
      businessKey: 'P-4',
    });

    await checkSlas(ledger.db, { tenantId: acme.tenantId, now });
    const breaches = await breachesOf(acme, id);
    expect(breaches.map((b) => b.businessKey)).toEqual(['P-1', 'P-2']);
    expect(breaches[0]).toMatchObject({
      startedById: erpLate,
      dueAt: new Date(paid.getTime() + 30 * 60_000),
    });
  });

  it('bounds a run: the limit leaves the rest for the next minute', async () => {
    const { id } = await rule(acme, 'bounded', 5, ERP);
    for (const key of ['L-1', 'L-2', 'L-3'])
      await placeTransaction(acme, {
        flow: ERP,
        status: 'completed',
        createdAt: ago(20),
        businessKey: key,
      });
    await checkSlas(ledger.db, { tenantId: acme.tenantId, now, limit: 2 });
    const firstPass = (await breachesOf(acme, id)).filter((b) => b.businessKey.startsWith('L-'));
    expect(firstPass).toHaveLength(2);
    await checkSlas(ledger.db, { tenantId: acme.tenantId, now, limit: 2 });
    const secondPass = (await breachesOf(acme, id)).filter((b) => b.businessKey.startsWith('L-'));
    expect(secondPass).toHaveLength(3);
  });
});
