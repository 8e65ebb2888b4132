// Refused deliveries in bounded space, against a real PostgreSQL: the latest `keep` rows of a
// connection stay, older ones become a count, accepted rows and other connections are untouched.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededLedger, type SeededLedger } from '@/test/support/ledger-fixtures';
import { listRefusedCounts } from './refused-counts.presenter';
import { recordRefusal } from './record-refusal';
import { tenantDb } from '@/lib/db';

let ledger: SeededLedger;

beforeAll(async () => {
  ledger = await seededLedger();
});
afterAll(async () => {
  await ledger?.drop();
});

const refuse = (connectionId: string, i: number, keep = 10) =>
  recordRefusal(ledger.db, {
    tenantId: ledger.tenantId,
    connectionId,
    verdict: 'invalid',
    reason: `signature invalid #${i}`,
    headers: { 'x-shopify-topic': 'orders/paid' },
    body: `{"n":${i}}`,
    sizeBytes: 8,
    keep,
  });

const refusedRows = (connectionId: string) =>
  ledger.db.inboundEvent.findMany({
    where: { connectionId, status: 'rejected' },
    orderBy: [{ receivedAt: 'desc' }, { id: 'desc' }],
    select: { id: true, rejectReason: true },
  });

describe('recordRefusal', () => {
  it('keeps the latest `keep` refused rows of the connection and counts every one', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 25; i++) ids.push(await refuse(ledger.commerceConnectionId, i));
    const rows = await refusedRows(ledger.commerceConnectionId);
    expect(rows.map((r) => r.id)).toEqual(ids.slice(-10).reverse());
    expect(rows[0]?.rejectReason).toBe('signature invalid #24');
    const counts = await listRefusedCounts(tenantDb(ledger.db, ledger.tenantId));
    expect(counts.total).toBe(25);
    expect(counts.connections).toEqual([expect.objectContaining({ refused: 25 }) as unknown]);
  });

  it('stays bounded under concurrent refusals, and trims back on the next one', async () => {
    const connectionId = ledger.warehouseConnectionId;
    await Promise.all(Array.from({ length: 60 }, (_, i) => refuse(connectionId, i)));
    // the refusals of one connection take turns (its count's row lock): no deadlock, no excess
    expect((await refusedRows(connectionId)).length).toBe(10);
    await refuse(connectionId, 60);
    expect((await refusedRows(connectionId)).length).toBe(10);
    const counted = await ledger.db.inboundRefusalCount.findUniqueOrThrow({
      where: { connectionId },
    });
    expect(Number(counted.refused)).toBe(61);
  });

  it('never touches accepted deliveries or another connection', async () => {
    const accepted = await ledger.db.inboundEvent.count({ where: { status: { not: 'rejected' } } });
    await refuse(ledger.commerceConnectionId, 100, 1);
    expect(await refusedRows(ledger.commerceConnectionId)).toHaveLength(1);
    expect(await refusedRows(ledger.warehouseConnectionId)).toHaveLength(10);
    expect(await ledger.db.inboundEvent.count({ where: { status: { not: 'rejected' } } })).toBe(
      accepted,
    );
  });
});
