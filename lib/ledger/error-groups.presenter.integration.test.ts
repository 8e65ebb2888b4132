// listErrorGroups() against a real PostgreSQL: groups by flow and class, counts failed and review
// apart, first/last seen from updated_at, the sample is the newest error, other statuses and other
// tenants never count, and the window bounds what is grouped.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorClass, TransactionStatus } from '@/lib/db';
import {
  insertTransaction,
  seededLedger,
  type SeededLedger,
  seedFixtureTenant,
} from '@/test/support/ledger-fixtures';
import { findReplayProgress, listErrorGroups } from './error-groups.presenter';

let ledger: SeededLedger;
let other: SeededLedger;
let crmFlowId: string;

const at = (minute: number) => new Date(Date.UTC(2026, 0, 5, 9, minute));

async function failure(
  on: SeededLedger,
  o: { status?: TransactionStatus; errorClass: ErrorClass | null; minute: number; error?: string },
) {
  const id = await insertTransaction(on, { status: o.status ?? 'failed', outbox: false });
  await on.db.transaction.update({
    where: { id },
    data: { errorClass: o.errorClass, lastError: o.error ?? null, updatedAt: at(o.minute) },
  });
  return id;
}

beforeAll(async () => {
  ledger = await seededLedger();
  const crm = await ledger.db.flow.findFirstOrThrow({
    where: { tenantId: ledger.tenantId, key: 'orders-paid-to-crm' },
  });
  crmFlowId = crm.id;
  const seeded = await seedFixtureTenant(ledger.db, 'globex');
  other = { ...ledger, ...seeded, drop: async () => {} };

  const crmLedger = { ...ledger, flowId: crmFlowId };
  await failure(ledger, { errorClass: 'provider_outage', minute: 15, error: 'warehouse 503 a' });
  await failure(ledger, { errorClass: 'provider_outage', minute: 40, error: 'warehouse 503 z' });
  await failure(ledger, { errorClass: 'provider_outage', minute: 30, error: 'warehouse 503 m' });
  await failure(ledger, {
    status: 'needs_review',
    errorClass: 'provider_outage',
    minute: 20,
    error: 'older review',
  });
  await failure(ledger, { status: 'needs_review', errorClass: 'auth', minute: 5, error: 'token' });
  await failure(crmLedger, {
    status: 'needs_review',
    errorClass: 'validation',
    minute: 50,
    error: 'name missing for ada@example.com',
  });
  // Not open failures: still retrying, or done.
  await failure(ledger, { status: 'waiting_retry', errorClass: 'provider_outage', minute: 45 });
  await failure(ledger, { status: 'completed', errorClass: 'provider_outage', minute: 46 });
  // Another tenant's failures in the same flow key and class.
  await failure(other, { errorClass: 'provider_outage', minute: 55, error: 'globex outage' });
  await failure(other, { errorClass: 'provider_outage', minute: 56, error: 'globex outage' });
});
afterAll(async () => {
  await ledger?.drop();
});

describe('listErrorGroups()', () => {
  it('groups open failures by flow and class, newest group first', async () => {
    const { groups, total } = await listErrorGroups(ledger.db, ledger.tenantId);
    expect(groups.map((g) => [g.flowId, g.errorClass, g.failed, g.needsReview])).toEqual([
      [crmFlowId, 'validation', 0, 1],
      [ledger.flowId, 'provider_outage', 3, 1],
      [ledger.flowId, 'auth', 0, 1],
    ]);
    expect(total).toBe(6);
  });

  it('reports first and last seen, the flow and target names and the newest error', async () => {
    const { groups } = await listErrorGroups(ledger.db, ledger.tenantId);
    const outage = groups.find((g) => g.errorClass === 'provider_outage');
    expect(outage).toMatchObject({
      flowName: 'Paid orders → warehouse fulfilment',
      targetName: 'Warehouse',
      total: 4,
      firstSeen: at(15).toISOString(),
      lastSeen: at(40).toISOString(),
      sample: 'warehouse 503 z',
    });
    const newest = await ledger.db.transaction.findUniqueOrThrow({
      where: { id: outage?.sampleTransactionId ?? '' },
    });
    expect(newest.updatedAt).toEqual(at(40));
  });

  it('never counts another tenant’s failures', async () => {
    const mine = await listErrorGroups(ledger.db, ledger.tenantId);
    expect(mine.groups.some((g) => g.sample === 'globex outage')).toBe(false);
    const theirs = await listErrorGroups(ledger.db, other.tenantId);
    expect(theirs.groups).toHaveLength(1);
    expect(theirs.groups[0]).toMatchObject({ failed: 2, flowId: other.flowId });
  });

  it('bounds the groups by the window on updated_at (from inclusive, to exclusive)', async () => {
    const { groups } = await listErrorGroups(ledger.db, ledger.tenantId, {
      window: { from: at(20), to: at(40) },
    });
    expect(groups).toHaveLength(1);
    expect(groups[0]).toMatchObject({
      errorClass: 'provider_outage',
      failed: 1,
      needsReview: 1,
      firstSeen: at(20).toISOString(),
      lastSeen: at(30).toISOString(),
      sample: 'warehouse 503 m',
    });
  });

  it('masks emails in the sample for roles without personal data', async () => {
    const { groups } = await listErrorGroups(ledger.db, ledger.tenantId, {
      maskPersonalData: true,
    });
    expect(groups[0]?.sample).toBe('name missing for a***@example.com');
  });

  it('answers an empty list for a tenant without open failures', async () => {
    const seeded = await seedFixtureTenant(ledger.db, 'initech');
    expect(await listErrorGroups(ledger.db, seeded.tenantId)).toMatchObject({
      groups: [],
      total: 0,
    });
  });
});

describe('listErrorGroups() without a class', () => {
  it('shows failures without an error class as their own group, without a sample', async () => {
    await failure(other, { errorClass: null, minute: 1, error: 'no class' });
    const { groups } = await listErrorGroups(ledger.db, other.tenantId);
    expect(groups.map((g) => [g.errorClass, g.failed, g.sample])).toEqual([
      ['provider_outage', 2, 'globex outage'],
      [null, 1, null],
    ]);
    expect(groups[1]?.key).toBe(`${other.flowId}:unclassified`);
  });
});

describe('findReplayProgress()', () => {
  it('reads a batch of the tenant with its percentage, and nothing of another tenant', async () => {
    const user = await ledger.db.user.findFirstOrThrow({ where: { email: 'support@acme.test' } });
    const batch = await ledger.db.replayBatch.create({
      data: {
        tenantId: ledger.tenantId,
        requestedById: user.id,
        requestedBy: 'Support Acme',
        reason: 'outage over',
        filter: {},
        total: 8,
        replayed: 5,
        skipped: 1,
      },
    });
    expect(await findReplayProgress(ledger.db, ledger.tenantId, batch.id)).toMatchObject({
      status: 'running',
      handled: 6,
      percent: 75,
    });
    expect(await findReplayProgress(ledger.db, other.tenantId, batch.id)).toBeNull();
  });
});
