// A person's resolve, cancel, note and replay-by-selection against a real PostgreSQL: each moves
// only what it may move, says what it skipped, writes who and why on the timeline, keeps the
// outbox in step, and never touches another tenant's transactions.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tenantDb, uuid7, type Db, type TransactionStatus } from '@/lib/db';
import { replayByIds } from '@/lib/engine/replay';
import { insertTransaction, seededLedger, type SeededLedger } from '@/test/support/ledger-fixtures';
import { addNote } from './add-note';
import { cancelTransactions } from './cancel';
import { resolveTransactions } from './resolve';
import { recordingWaker } from '@/test/support/wakes';

let ledger: SeededLedger;
let other: SeededLedger;
let db: Db;
const sam = { id: uuid7(), label: 'Sam Support' };

beforeAll(async () => {
  [ledger, other] = await Promise.all([seededLedger(), seededLedger()]);
  db = ledger.db;
});
afterAll(async () => {
  await Promise.all([ledger?.drop(), other?.drop()]);
});

const txn = (status: TransactionStatus, outbox = false) =>
  insertTransaction(ledger, { status, outbox });
const row = (id: string) =>
  db.transaction.findUniqueOrThrow({
    where: { id },
    select: { status: true, attempts: true, errorClass: true, nextAttemptAt: true },
  });
const facts = (id: string, type: string) =>
  db.timelineEntry.findMany({ where: { transactionId: id, type }, orderBy: { id: 'asc' } });

describe('resolve', () => {
  it('completes failed and needs_review transactions and skips the rest, saying why', async () => {
    const [failed, review, done] = await Promise.all([
      txn('failed'),
      txn('needs_review'),
      txn('completed'),
    ]);
    const missing = uuid7();
    const outcome = await resolveTransactions(
      db,
      ledger.tenantId,
      [failed, review, done, missing],
      {
        actor: sam,
        note: 'fixed by hand in the WMS',
      },
    );
    expect(outcome.applied.sort()).toEqual([failed, review].sort());
    expect(outcome.skipped).toEqual([{ id: done, status: 'completed' }]);
    expect(outcome.notFound).toEqual([missing]);
    expect((await row(failed)).status).toBe('completed');
    const [fact] = await facts(failed, 'resolve.recorded');
    expect(fact).toMatchObject({
      kind: 'human_action',
      actor: sam.id,
      summary: 'Sam Support resolved this transaction: fixed by hand in the WMS',
    });
  });

  it('refuses an empty note before touching anything', async () => {
    const failed = await txn('failed');
    await expect(
      resolveTransactions(db, ledger.tenantId, [failed], { actor: sam, note: ' ' }),
    ).rejects.toThrow(/note/);
    expect((await row(failed)).status).toBe('failed');
  });

  it("never moves another tenant's transaction: it is reported as not found", async () => {
    const foreign = await insertTransaction(other, { status: 'failed', outbox: false });
    const outcome = await resolveTransactions(db, ledger.tenantId, [foreign], {
      actor: sam,
      note: 'not mine',
    });
    expect(outcome).toMatchObject({ applied: [], skipped: [], notFound: [foreign] });
    expect((await other.db.transaction.findUniqueOrThrow({ where: { id: foreign } })).status).toBe(
      'failed',
    );
  });
});

describe('cancel', () => {
  it('cancels anything not final and takes it out of the dispatch queue in the same statement', async () => {
    const waiting = await txn('waiting_retry', true);
    const completed = await txn('completed');
    const outcome = await cancelTransactions(db, ledger.tenantId, [waiting, completed], {
      actor: sam,
      note: 'order voided at the storefront',
    });
    expect(outcome.applied).toEqual([waiting]);
    expect(outcome.skipped).toEqual([{ id: completed, status: 'completed' }]);
    expect((await row(waiting)).status).toBe('cancelled');
    expect(await db.outboxEntry.count({ where: { transactionId: waiting } })).toBe(0);
    expect(await facts(waiting, 'cancel.recorded')).toHaveLength(1);
  });
});

describe('replay a selection', () => {
  it('puts replayable ones back in the queue with a fresh attempt budget and names the connections', async () => {
    const failed = await txn('failed');
    await db.transaction.update({
      where: { id: failed },
      data: { attempts: 5, errorClass: 'provider_outage' },
    });
    const received = await txn('received', true);
    const wakes = recordingWaker();
    const outcome = await replayByIds(db, ledger.tenantId, [failed, received], {
      actor: sam,
      reason: 'warehouse is back',
      wake: wakes.wake,
    });
    expect(outcome.applied).toEqual([failed]);
    expect(outcome.skipped).toEqual([{ id: received, status: 'received' }]);
    expect(outcome.connectionIds).toEqual([ledger.warehouseConnectionId]);
    // after its commit, the replay wakes the drain of the connection it gave work to
    expect(wakes.calls).toEqual([
      { tenantId: ledger.tenantId, connectionIds: [ledger.warehouseConnectionId] },
    ]);
    expect(await row(failed)).toMatchObject({ status: 'received', attempts: 0, errorClass: null });
    expect(await db.outboxEntry.count({ where: { transactionId: failed } })).toBe(1);
    expect(await facts(failed, 'replay.requested')).toHaveLength(1);
  });
});

describe('notes', () => {
  it('adds a human note without changing the status', async () => {
    const failed = await txn('failed');
    const scoped = tenantDb(db, ledger.tenantId);
    expect(
      await addNote(scoped, ledger.tenantId, failed, { actor: sam, note: 'customer called' }),
    ).toEqual({ kind: 'added' });
    expect((await row(failed)).status).toBe('failed');
    expect((await facts(failed, 'note.added'))[0]?.summary).toBe(
      'Sam Support added a note: customer called',
    );
  });

  it("answers not found for another tenant's transaction and writes nothing", async () => {
    const foreign = await insertTransaction(other, { status: 'failed', outbox: false });
    const scoped = tenantDb(db, ledger.tenantId);
    expect(await addNote(scoped, ledger.tenantId, foreign, { actor: sam, note: 'sneaky' })).toEqual(
      { kind: 'not_found' },
    );
    expect(await other.db.timelineEntry.count({ where: { transactionId: foreign } })).toBe(0);
  });
});
