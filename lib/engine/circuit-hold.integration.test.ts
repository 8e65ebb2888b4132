// holdForOpenCircuit() against real PostgreSQL: what comes due while a circuit is open is held on
// its own timeline, and a row that may still be in flight (claimed before, never settled) is only
// re-dated, so its sender's settle still applies and its next dispatch knows to look first.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '@/lib/db';
import { transitionMany } from '@/lib/ledger/transition';
import { insertTransaction, seededLedger, type SeededLedger } from '@/test/support/ledger-fixtures';
import { claimDue } from './claim';
import { holdForOpenCircuit } from './circuit-hold';
import { findTargetConnection } from './load-dispatchable';

let ledger: SeededLedger;
let db: Db;

beforeAll(async () => {
  ledger = await seededLedger();
  db = ledger.db;
});
afterAll(async () => {
  await ledger?.drop();
});
beforeEach(async () => {
  await db.outboxEntry.deleteMany({});
});

const outboxRow = (id: string) =>
  db.outboxEntry.findUniqueOrThrow({ where: { transactionId: id } });
const held = (id: string) =>
  db.timelineEntry.count({ where: { transactionId: id, type: 'circuit.held' } });

async function hold(until: Date) {
  const connection = await findTargetConnection(db, ledger.tenantId, ledger.warehouseConnectionId);
  if (!connection) throw new Error('no warehouse connection');
  return holdForOpenCircuit(db, connection, until, () => 0);
}

describe('holding work for an open circuit', () => {
  it('holds what came due on its timeline, without spending an attempt', async () => {
    const id = await insertTransaction(ledger);
    const until = new Date(Date.now() + 30_000);
    expect(await hold(until)).toBe(1);
    const txn = await db.transaction.findUniqueOrThrow({ where: { id } });
    expect(txn).toMatchObject({ status: 'waiting_retry', attempts: 0 });
    expect(await held(id)).toBe(1);
    expect(await outboxRow(id)).toMatchObject({ claims: 0, availableAt: until });
  });

  it('only re-dates a row whose earlier claim never settled, and its sender still settles it', async () => {
    const id = await insertTransaction(ledger);
    // A lane claimed it and is still sending when its lease lapses (a millisecond here).
    expect(await claimDue(db, ledger.warehouseConnectionId, 10, 1)).toHaveLength(1);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const until = new Date(Date.now() + 30_000);
    expect(await hold(until)).toBe(1);

    const txn = await db.transaction.findUniqueOrThrow({ where: { id } });
    expect(txn.status).toBe('received');
    expect(await held(id)).toBe(0);
    // the earlier claim still counts: the next dispatch looks the record up before sending
    expect(await outboxRow(id)).toMatchObject({ claims: 1, availableAt: until });

    // the lane's answer arrives: its settle applies and the row leaves the queue
    const [verdict] = await transitionMany(db, [
      {
        tenantId: ledger.tenantId,
        transactionId: id,
        from: 'received',
        to: 'completed',
        actor: 'worker',
        reason: 'sent',
      },
    ]);
    expect(verdict).toMatchObject({ kind: 'applied' });
    expect(await db.outboxEntry.count({ where: { transactionId: id } })).toBe(0);
  });
});
