// Every operator action is audited in the same database transaction as its change, against a real
// PostgreSQL: the entry names the actor, the reason or note, the request id and the counts; an
// action that changed nothing writes no entry; and when the entry cannot be written, the change
// rolls back with it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuid7, tenantDb, type Db, type TransactionStatus } from '@/lib/db';
import { setConnectionPaused, setFlowPaused } from '@/lib/engine/pause';
import { replayByIds, replayOne } from '@/lib/engine/replay';
import { cancelReplayBatch, startReplayBatch } from '@/lib/engine/replay-batch';
import { insertTransaction, seededLedger, type SeededLedger } from '@/test/support/ledger-fixtures';
import { addNote } from './add-note';
import { cancelTransactions } from './cancel';
import { resolveTransactions } from './resolve';
import { resolveByFilter } from './resolve-by-filter';
import { startTransactionsExport } from './transaction-export';
import { parseTransactionFilter } from './transaction-filter';
import { recordingWaker } from '@/test/support/wakes';

let ledger: SeededLedger;
let db: Db;
const sam = { id: uuid7(), label: 'Sam Support' };
const wakes = recordingWaker();
const audit = { requestId: 'req-audit-0001' };

beforeAll(async () => {
  ledger = await seededLedger();
  db = ledger.db;
});
afterAll(async () => {
  await ledger?.drop();
});

const txn = (status: TransactionStatus) => insertTransaction(ledger, { status, outbox: false });
const entries = (action: string, objectId?: string) =>
  db.auditEntry.findMany({
    where: { tenantId: ledger.tenantId, action, ...(objectId && { objectId }) },
    orderBy: { seq: 'asc' },
  });
const statusOf = async (id: string) =>
  (await db.transaction.findUniqueOrThrow({ where: { id } })).status;

describe('actions on transactions', () => {
  it('a resolve of one transaction records it with actor, note and request id', async () => {
    const failed = await txn('failed');
    await resolveTransactions(db, ledger.tenantId, [failed], {
      actor: sam,
      note: 'fixed by hand in the WMS',
      audit,
    });
    const [entry] = await entries('transaction.resolved', failed);
    expect(entry).toMatchObject({
      actorUserId: sam.id,
      actorTokenId: null,
      actorLabel: 'Sam Support',
      objectType: 'transaction',
      reason: 'fixed by hand in the WMS',
      requestId: 'req-audit-0001',
      after: { ids: [failed], applied: 1, skipped: 0, notFound: 0 },
    });
  });

  it('a bulk cancel is one entry with the moved ids and complete counts', async () => {
    const [a, b, done] = await Promise.all([txn('failed'), txn('waiting_retry'), txn('completed')]);
    const missing = uuid7();
    await cancelTransactions(db, ledger.tenantId, [a, b, done, missing], {
      actor: sam,
      note: 'orders voided at the storefront',
      audit,
    });
    const bulk = (await entries('transaction.cancelled', 'bulk')).filter((e) =>
      (e.after as { ids: string[] }).ids.includes(a),
    );
    expect(bulk).toHaveLength(1);
    expect(bulk[0]?.after).toMatchObject({ applied: 2, skipped: 1, notFound: 1 });
    expect(((bulk[0]?.after as { ids: string[] }).ids ?? []).sort()).toEqual([a, b].sort());
  });

  it('an action that moved nothing writes no entry', async () => {
    const before = await db.auditEntry.count({ where: { tenantId: ledger.tenantId } });
    const done = await txn('completed');
    const replayed = await replayByIds(db, ledger.tenantId, [done, uuid7()], {
      actor: sam,
      reason: 'try again',
      audit,
      wake: wakes.wake,
    });
    expect(replayed.applied).toEqual([]);
    expect(
      await replayOne(db, ledger.tenantId, uuid7(), {
        actor: sam,
        reason: 'nothing',
        wake: wakes.wake,
      }),
    ).toEqual({ kind: 'not_found' });
    await resolveTransactions(db, ledger.tenantId, [uuid7()], { actor: sam, note: 'unknown id' });
    expect(await db.auditEntry.count({ where: { tenantId: ledger.tenantId } })).toBe(before);
  });

  it('single replay and a note are recorded against the transaction', async () => {
    const failed = await txn('failed');
    expect(
      await replayOne(db, ledger.tenantId, failed, {
        actor: sam,
        reason: 'warehouse back',
        audit,
        wake: wakes.wake,
      }),
    ).toMatchObject({ kind: 'replayed' });
    const scoped = tenantDb(db, ledger.tenantId);
    await addNote(scoped, ledger.tenantId, failed, { actor: sam, note: 'customer called', audit });
    expect(await entries('transaction.replayed', failed)).toMatchObject([
      { reason: 'warehouse back', requestId: audit.requestId, after: { from: 'failed' } },
    ]);
    expect(await entries('transaction.note_added', failed)).toMatchObject([
      { reason: 'customer called', actorUserId: sam.id },
    ]);
  });

  it('an API token is recorded as the token, not as a user', async () => {
    const tokenId = uuid7();
    const failed = await txn('failed');
    await resolveTransactions(db, ledger.tenantId, [failed], {
      actor: { id: `api:${tokenId}`, label: 'token ci-bot' },
      note: 'resolved by automation',
    });
    expect(await entries('transaction.resolved', failed)).toMatchObject([
      { actorUserId: null, actorTokenId: tokenId, actorLabel: 'token ci-bot', requestId: null },
    ]);
  });

  it('when the entry cannot be written, the change rolls back with it', async () => {
    const failed = await txn('failed');
    // An actor id that is no user id: the audit insert (uuid column) fails inside the transaction.
    const broken = { id: 'not-a-user-id', label: 'Broken' };
    await expect(
      resolveTransactions(db, ledger.tenantId, [failed], {
        actor: broken,
        note: 'should not stay',
      }),
    ).rejects.toThrow();
    await expect(
      replayOne(db, ledger.tenantId, failed, {
        actor: broken,
        reason: 'should not stay',
        wake: wakes.wake,
      }),
    ).rejects.toThrow();
    await expect(
      addNote(tenantDb(db, ledger.tenantId), ledger.tenantId, failed, {
        actor: broken,
        note: 'should not stay',
      }),
    ).rejects.toThrow();
    expect(await statusOf(failed)).toBe('failed');
    expect(await db.timelineEntry.count({ where: { transactionId: failed } })).toBe(0);
    expect(await db.auditEntry.count({ where: { objectId: failed } })).toBe(0);
  });
});

describe('bulk replay, group decisions, pause and export', () => {
  it('a replay batch records its start (filter, total) and its cancel, not its chunks', async () => {
    await txn('failed');
    const filter = { statuses: ['failed' as const], flowId: ledger.flowId };
    const { batchId, total } = await startReplayBatch(db, ledger.tenantId, {
      filter,
      actor: sam,
      reason: 'ERP back after maintenance',
      audit,
    });
    expect(total).toBeGreaterThan(0);
    expect(await entries('replay_batch.started', batchId)).toMatchObject([
      { reason: 'ERP back after maintenance', requestId: audit.requestId, after: { total } },
    ]);
    expect(await cancelReplayBatch(db, ledger.tenantId, batchId, { actor: sam, audit })).toBe(
      'cancelled',
    );
    expect(await cancelReplayBatch(db, ledger.tenantId, batchId, { actor: sam, audit })).toBe(
      'finished',
    );
    expect(await entries('replay_batch.cancelled', batchId)).toMatchObject([
      { actorUserId: sam.id, after: { status: 'cancelled', replayed: 0 } },
    ]);
  });

  it('a group decision records the group key, the note and the counts', async () => {
    const ids = await Promise.all([txn('failed'), txn('failed'), txn('failed')]);
    await db.transaction.updateMany({
      where: { id: { in: ids } },
      data: { errorClass: 'validation', updatedAt: new Date(Date.now() - 60_000) },
    });
    const outcome = await resolveByFilter(db, ledger.tenantId, {
      filter: { flowId: ledger.flowId, errorClass: 'validation', statuses: ['failed'] },
      decision: 'ignore',
      actor: sam,
      note: 'test orders, never to be delivered',
      audit,
      chunkSize: 2,
    });
    expect(outcome.applied).toBe(3);
    const group = await entries('error_group.ignored', `${ledger.flowId}:validation`);
    // Chunks commit on their own, so each records what it moved (2 + 1).
    expect(group.map((e) => (e.after as { applied: number; part: number }).applied)).toEqual([
      2, 1,
    ]);
    expect(group[0]).toMatchObject({
      reason: 'test orders, never to be delivered',
      requestId: audit.requestId,
      after: { part: 1, filter: { errorClass: 'validation' } },
    });
  });

  it('pause and resume record a change of status, and only a change', async () => {
    const id = ledger.warehouseConnectionId;
    const resumes = recordingWaker();
    const input = {
      actor: sam,
      reason: '  warehouse maintenance  ',
      audit,
      settleTimeoutMs: 50,
      wake: resumes.wake,
    };
    await setConnectionPaused(db, ledger.tenantId, id, true, input);
    await setConnectionPaused(db, ledger.tenantId, id, true, input);
    expect(resumes.woken()).toEqual([]);
    // who, when and why are kept on the connection while it is paused, for the work it holds
    const pausedRow = await db.connection.findUniqueOrThrow({ where: { id } });
    expect(pausedRow).toMatchObject({ pausedBy: sam.label, pauseReason: 'warehouse maintenance' });
    expect(pausedRow.pausedAt).toBeInstanceOf(Date);
    await setConnectionPaused(db, ledger.tenantId, id, false, input);
    expect(await db.connection.findUniqueOrThrow({ where: { id } })).toMatchObject({
      status: 'active',
      pausedAt: null,
      pausedBy: null,
      pauseReason: null,
    });
    // the resume wakes the drain that works the released backlog off
    expect(resumes.calls).toEqual([{ tenantId: ledger.tenantId, connectionIds: [id] }]);
    expect(await entries('connection.paused', id)).toMatchObject([
      {
        after: { from: 'active', to: 'paused' },
        reason: 'warehouse maintenance',
        requestId: audit.requestId,
      },
    ]);
    expect(await entries('connection.resumed', id)).toHaveLength(1);
    await setFlowPaused(db, ledger.tenantId, ledger.flowId, true, input);
    await setFlowPaused(db, ledger.tenantId, ledger.flowId, false, input);
    expect(await entries('flow.paused', ledger.flowId)).toHaveLength(1);
    expect(await entries('flow.resumed', ledger.flowId)).toHaveLength(1);
  });

  it('a pause without a reason is refused and changes nothing', async () => {
    const id = ledger.warehouseConnectionId;
    const before = (await entries('connection.paused', id)).length;
    for (const reason of [undefined, '  ', 'x'])
      await expect(
        setConnectionPaused(db, ledger.tenantId, id, true, {
          actor: sam,
          reason,
          wake: wakes.wake,
        }),
      ).rejects.toThrow(/say why/);
    await expect(
      setFlowPaused(db, ledger.tenantId, ledger.flowId, true, { actor: sam, wake: wakes.wake }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    expect((await db.connection.findUniqueOrThrow({ where: { id } })).status).toBe('active');
    expect((await db.flow.findUniqueOrThrow({ where: { id: ledger.flowId } })).status).toBe(
      'active',
    );
    expect(await entries('connection.paused', id)).toHaveLength(before);
  });

  it('a pause whose entry cannot be written leaves the connection running', async () => {
    const id = ledger.warehouseConnectionId;
    await expect(
      setConnectionPaused(db, ledger.tenantId, id, true, {
        actor: { id: 'nobody', label: 'x' },
        reason: 'the audit entry of this pause cannot be written',
        wake: wakes.wake,
      }),
    ).rejects.toThrow();
    expect((await db.connection.findUniqueOrThrow({ where: { id } })).status).toBe('active');
  });

  it('an export is recorded with its filter before the first row', async () => {
    const now = new Date('2026-11-23T10:00:00.000Z');
    const { cursor: _c, limit: _l, ...filter } = parseTransactionFilter({ status: 'failed' });
    const chunks = await startTransactionsExport(db, ledger.tenantId, filter, {
      personalData: false,
      now,
      actor: sam,
      audit,
    });
    const [entry] = await entries('transactions.exported');
    expect(entry).toMatchObject({
      objectType: 'export',
      objectId: 'transactions-2026-11-23T10-00-00Z.csv',
      requestId: audit.requestId,
      after: { filter: { statuses: ['failed'], sort: 'newest' } },
    });
    await chunks.return(undefined);
  });
});
