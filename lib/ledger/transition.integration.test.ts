// transition() against a real PostgreSQL: the guard refuses every illegal move, concurrent movers
// cannot both win, facts and the state change land on the timeline in order, and the outbox row
// exists exactly while the transaction needs dispatching.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { uuid7, type Db, type TransactionStatus } from '@/lib/db';
import { insertTransaction, seededLedger, type SeededLedger } from '@/test/support/ledger-fixtures';
import { ALL_STATUSES, canTransition } from './status';
import { transition } from './transition';

let ledger: SeededLedger;
let db: Db;
let tenantId: string;

beforeAll(async () => {
  ledger = await seededLedger();
  db = ledger.db;
  tenantId = ledger.tenantId;
});
afterAll(async () => {
  await ledger?.drop();
});

const newTransaction = (status: TransactionStatus) => insertTransaction(ledger, { status });
const statusOf = async (id: string) =>
  (await db.transaction.findUniqueOrThrow({ where: { id } })).status;
const outboxCount = (id: string) => db.outboxEntry.count({ where: { transactionId: id } });

describe('transition() in PostgreSQL', () => {
  let id: string;
  beforeEach(async () => {
    id = await newTransaction('received');
  });

  it.each(ALL_STATUSES.flatMap((from) => ALL_STATUSES.map((to) => [from, to] as const)))(
    'from %s to %s follows the status table',
    async (from, to) => {
      const txn = await newTransaction(from);
      const verdict = await transition(db, {
        tenantId,
        transactionId: txn,
        to,
        reason: 'table walk',
      });
      expect(verdict.kind).toBe(canTransition(from, to) ? 'applied' : 'refused');
      expect(await statusOf(txn)).toBe(canTransition(from, to) ? to : from);
    },
  );

  it('appends the facts, then the state change, in order and in the same statement', async () => {
    await transition(db, {
      tenantId,
      transactionId: id,
      to: 'completed',
      reason: 'warehouse CREATED -> completed',
      actor: 'worker',
      externalRefs: { warehouse: 'FUL-1' },
      facts: [
        { kind: 'command', type: 'command.sent', summary: 'sent' },
        { kind: 'event', type: 'provider.accepted', summary: 'answered' },
      ],
    });
    const entries = await db.timelineEntry.findMany({
      where: { transactionId: id },
      orderBy: { id: 'asc' },
    });
    expect(entries.map((e) => e.type)).toEqual([
      'command.sent',
      'provider.accepted',
      'status.changed',
    ]);
    expect(entries[2]).toMatchObject({
      fromStatus: 'received',
      toStatus: 'completed',
      actor: 'worker',
    });
    const txn = await db.transaction.findUniqueOrThrow({ where: { id } });
    expect(txn.externalRefs).toEqual({ warehouse: 'FUL-1' });
    expect(txn.completedAt).not.toBeNull();
  });

  it('refuses when the status is no longer what the caller read, and writes nothing', async () => {
    const verdict = await transition(db, {
      tenantId,
      transactionId: id,
      from: 'waiting_retry',
      to: 'completed',
      reason: 'stale read',
    });
    expect(verdict).toEqual({ kind: 'refused', from: 'received', to: 'completed' });
    expect(await db.timelineEntry.count({ where: { transactionId: id } })).toBe(0);
    expect(await outboxCount(id)).toBe(1);
  });

  it('lets exactly one of two concurrent movers win', async () => {
    const [a, b] = await Promise.all([
      transition(db, {
        tenantId,
        transactionId: id,
        from: 'received',
        to: 'completed',
        reason: 'worker A',
      }),
      transition(db, {
        tenantId,
        transactionId: id,
        from: 'received',
        to: 'cancelled',
        reason: 'person B',
      }),
    ]);
    expect([a.kind, b.kind].sort()).toEqual(['applied', 'refused']);
    expect(
      await db.timelineEntry.count({ where: { transactionId: id, type: 'status.changed' } }),
    ).toBe(1);
  });

  it('keeps the outbox row while dispatch is needed and removes it when settled', async () => {
    const retryAt = new Date(Date.now() + 60_000);
    await transition(db, {
      tenantId,
      transactionId: id,
      to: 'waiting_retry',
      reason: 'retry',
      nextAttemptAt: retryAt,
      outboxAvailableAt: retryAt,
      errorClass: 'timeout',
      lastError: 'slow',
    });
    const row = await db.outboxEntry.findUniqueOrThrow({ where: { transactionId: id } });
    expect(row.availableAt.getTime()).toBe(retryAt.getTime());
    await transition(db, {
      tenantId,
      transactionId: id,
      to: 'needs_review',
      reason: 'validation',
      errorClass: 'validation',
    });
    expect(await outboxCount(id)).toBe(0);
    // A person's replay puts it back in the outbox, due now.
    await transition(db, {
      tenantId,
      transactionId: id,
      to: 'received',
      reason: 'replayed by support',
      actor: 'user-1',
      errorClass: null,
      lastError: null,
    });
    expect(await outboxCount(id)).toBe(1);
    const txn = await db.transaction.findUniqueOrThrow({ where: { id } });
    expect(txn).toMatchObject({ status: 'received', errorClass: null, lastError: null });
  });

  it('stores facts and errors containing NUL characters instead of failing the commit', async () => {
    const verdict = await transition(db, {
      tenantId,
      transactionId: id,
      to: 'needs_review',
      reason: 'validation',
      errorClass: 'validation',
      lastError: 'bad\u0000name',
      facts: [
        {
          kind: 'command',
          type: 'command.sent',
          summary: 'sent\u0000',
          data: { request: { name: 'A\u0000da' } },
        },
      ],
    });
    expect(verdict.kind).toBe('applied');
    const txn = await db.transaction.findUniqueOrThrow({ where: { id } });
    expect(txn.lastError).toBe('bad\uFFFDname');
    const fact = await db.timelineEntry.findFirstOrThrow({
      where: { transactionId: id, type: 'command.sent' },
    });
    expect(fact.data).toEqual({ request: { name: 'A\uFFFDda' } });
  });

  it('cannot touch another tenant’s transaction', async () => {
    const verdict = await transition(db, {
      tenantId: uuid7(),
      transactionId: id,
      to: 'cancelled',
      reason: 'cross-tenant',
    });
    expect(verdict).toEqual({ kind: 'not_found' });
    expect(await statusOf(id)).toBe('received');
  });
});
