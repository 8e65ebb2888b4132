// claimDue() against real PostgreSQL: which rows a claim takes (due, oldest first, of an active
// flow on an active connection, at most `limit`), what it does to them (leased, counted), and that
// claims running at once never take the same row.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '@/lib/db';
import { insertTransaction, seededLedger, type SeededLedger } from '@/test/support/ledger-fixtures';
import { claimDue, deferClaims, extendClaims } from './claim';
import { holdClaims } from './claim-lease';

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
  await db.connection.update({
    where: { id: ledger.warehouseConnectionId },
    data: { status: 'active' },
  });
  await db.flow.update({ where: { id: ledger.flowId }, data: { status: 'active' } });
});

/** `n` queued transactions, the first due earliest, each a second after the one before. */
async function queued(n: number, firstDueSecondsAgo = 60): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i += 1) {
    const id = await insertTransaction(ledger);
    await db.outboxEntry.update({
      where: { transactionId: id },
      data: { availableAt: new Date(Date.now() - (firstDueSecondsAgo - i) * 1000) },
    });
    ids.push(id);
  }
  return ids;
}
const claim = (limit: number) => claimDue(db, ledger.warehouseConnectionId, limit, 5000);

describe('claimDue', () => {
  it('takes the oldest due rows up to the limit, leases them and counts the claim', async () => {
    const ids = await queued(5);
    const claims = await claim(2);
    expect(claims.map((c) => c.transactionId).sort()).toEqual(ids.slice(0, 2).sort());
    expect(claims.every((c) => c.claims === 1 && c.tenantId === ledger.tenantId)).toBe(true);
    const leased = await db.outboxEntry.findMany({
      where: { transactionId: { in: ids.slice(0, 2) } },
    });
    expect(leased.every((r) => r.availableAt.getTime() > Date.now() + 3000)).toBe(true);
    // the leased rows are not due any more: the next claim takes the next oldest
    expect((await claim(2)).map((c) => c.transactionId).sort()).toEqual(ids.slice(2, 4).sort());
  });

  it('leaves rows that are not due yet', async () => {
    const [later] = await queued(1, -30);
    expect(later).toBeDefined();
    expect(await claim(10)).toEqual([]);
  });

  it('takes nothing from a paused connection', async () => {
    await queued(3);
    await db.connection.update({
      where: { id: ledger.warehouseConnectionId },
      data: { status: 'paused' },
    });
    expect(await claim(10)).toEqual([]);
  });

  it("skips a paused flow's rows", async () => {
    await queued(3);
    await db.flow.update({ where: { id: ledger.flowId }, data: { status: 'paused' } });
    expect(await claim(10)).toEqual([]);
  });

  it('never gives one row to two claims running at once', async () => {
    const ids = await queued(40);
    const rounds = await Promise.all(Array.from({ length: 6 }, () => claim(8)));
    const taken = rounds.flat().map((c) => c.transactionId);
    expect(new Set(taken).size).toBe(taken.length);
    expect(taken.every((id) => ids.includes(id))).toBe(true);
    // nothing was lost: a claim after them takes exactly the rest (a claim racing another may
    // come back short, as a row it saw due was leased meanwhile; it never waits or fails)
    const rest = (await claim(40)).map((c) => c.transactionId);
    expect([...taken, ...rest].sort()).toEqual([...ids].sort());
  });
});

describe('a claim token', () => {
  /** Another worker's claim of a row whose lease lapsed: the count moves on, a new lease. */
  const claimedElsewhere = (id: string) =>
    db.outboxEntry.update({
      where: { transactionId: id },
      data: { claims: { increment: 1 }, availableAt: new Date(Date.now() + 60_000) },
    });

  it('renews only the rows still held under it', async () => {
    const ids = await queued(3);
    const held = await claim(3);
    const lost = ids[1] ?? '';
    await claimedElsewhere(lost);
    const before = await db.outboxEntry.findUniqueOrThrow({ where: { transactionId: lost } });
    const kept = await extendClaims(db, held, 30_000);
    expect([...kept].sort()).toEqual(ids.filter((id) => id !== lost).sort());
    const after = await db.outboxEntry.findUniqueOrThrow({ where: { transactionId: lost } });
    expect(after).toEqual(before);
    // a settled row (no outbox row) is not renewed either
    await db.outboxEntry.delete({ where: { transactionId: ids[0] ?? '' } });
    expect([...(await extendClaims(db, held, 30_000))]).toEqual([ids[2]]);
  });

  it('defers only the rows still held under it', async () => {
    const ids = await queued(2);
    const held = await claim(2);
    const lost = ids[0] ?? '';
    await claimedElsewhere(lost);
    const at = new Date(Date.now() + 5_000);
    await deferClaims(
      db,
      held.map((h) => ({ ...h, at })),
    );
    const rows = await db.outboxEntry.findMany({ where: { transactionId: { in: ids } } });
    const byId = new Map(rows.map((r) => [r.transactionId, r]));
    // the held row goes back, due at its time, the claim not counted
    expect(byId.get(ids[1] ?? '')).toMatchObject({ claims: 0, availableAt: at });
    // the other holder's row keeps its claim and its lease
    expect(byId.get(lost)?.claims).toBe(2);
    expect(byId.get(lost)?.availableAt.getTime()).toBeGreaterThan(Date.now() + 50_000);
  });

  it('is renewed while its batch sends, and not once the batch releases it to settle', async () => {
    const [id = ''] = await queued(1);
    const claimedAt = Date.now();
    const held = await claimDue(db, ledger.warehouseConnectionId, 1, 900);
    const leaseOf = async () =>
      (await db.outboxEntry.findUniqueOrThrow({ where: { transactionId: id } })).availableAt;
    const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    const log = { warn: () => undefined };
    await holdClaims({ db, leaseMs: 900, log }, held, claimedAt, async (hold) => {
      const claimed = await leaseOf();
      await pause(700); // renewals every 300 ms while the requests are on their way
      expect((await leaseOf()).getTime()).toBeGreaterThan(claimed.getTime());
      await hold.release();
      const released = await leaseOf();
      await pause(700);
      // the settle's statements would lock these rows: no renewal runs beside them
      expect(await leaseOf()).toEqual(released);
    });
  });
});
