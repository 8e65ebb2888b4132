// resolveByFilter() against a real PostgreSQL: only the group's open failures move, in chunks,
// each with the person's note on its timeline; resolve completes, ignore cancels with its own
// fact; transactions that moved on before their chunk are left alone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorClass, TransactionStatus } from '@/lib/db';
import { insertTransaction, seededLedger, type SeededLedger } from '@/test/support/ledger-fixtures';
import { countByFilter, resolveByFilter, type GroupFilter } from './resolve-by-filter';

let ledger: SeededLedger;
let crmFlowId: string;
// Operators are users (uuid ids): group decisions are audited with them as actor.
const actor = { id: '0193a000-0000-7000-8000-00000000a11c', label: 'Sam Support' };
const at = (minute: number) => new Date(Date.UTC(2026, 0, 5, 9, minute));

beforeAll(async () => {
  ledger = await seededLedger();
  crmFlowId = (
    await ledger.db.flow.findFirstOrThrow({
      where: { tenantId: ledger.tenantId, key: 'orders-paid-to-crm' },
    })
  ).id;
});
afterAll(async () => {
  await ledger?.drop();
});

async function failure(o: {
  status?: TransactionStatus;
  errorClass: ErrorClass;
  minute?: number;
  flowId?: string;
}) {
  const on = { ...ledger, flowId: o.flowId ?? ledger.flowId };
  const id = await insertTransaction(on, { status: o.status ?? 'failed', outbox: false });
  await ledger.db.transaction.update({
    where: { id },
    data: { errorClass: o.errorClass, lastError: 'boom', updatedAt: at(o.minute ?? 0) },
  });
  return id;
}

const statusOf = async (id: string) =>
  (await ledger.db.transaction.findUniqueOrThrow({ where: { id } })).status;
const factsOf = (id: string, type: string) =>
  ledger.db.timelineEntry.findMany({ where: { transactionId: id, type } });

describe('resolveByFilter()', () => {
  it('resolves only the matching transactions, in chunks, with the note on each timeline', async () => {
    const group = await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        failure({ errorClass: 'timeout', minute: i, status: i === 4 ? 'needs_review' : 'failed' }),
      ),
    );
    const otherClass = await failure({ errorClass: 'auth' });
    const otherFlow = await failure({ errorClass: 'timeout', flowId: crmFlowId });
    const retrying = await failure({ errorClass: 'timeout', status: 'waiting_retry' });
    const filter: GroupFilter = {
      flowId: ledger.flowId,
      errorClass: 'timeout',
      statuses: ['failed', 'needs_review'],
    };
    expect(await countByFilter(ledger.db, ledger.tenantId, filter)).toBe(5);

    const outcome = await resolveByFilter(ledger.db, ledger.tenantId, {
      filter,
      decision: 'resolve',
      actor,
      note: 'fixed by hand in the WMS',
      chunkSize: 2,
    });
    expect(outcome).toEqual({ decision: 'resolve', applied: 5, skipped: 0, chunks: 3 });
    for (const id of group) {
      expect(await statusOf(id)).toBe('completed');
      const [fact] = await factsOf(id, 'resolve.recorded');
      expect(fact?.summary).toBe('Sam Support resolved this transaction: fixed by hand in the WMS');
      expect(fact?.actor).toBe(actor.id);
    }
    expect(await statusOf(otherClass)).toBe('failed');
    expect(await statusOf(otherFlow)).toBe('failed');
    expect(await statusOf(retrying)).toBe('waiting_retry');
    expect(await countByFilter(ledger.db, ledger.tenantId, filter)).toBe(0);
  });

  it('honours the time window and the chosen statuses', async () => {
    const early = await failure({ errorClass: 'rate_limited', minute: 10 });
    const inside = await failure({ errorClass: 'rate_limited', minute: 20 });
    const review = await failure({
      errorClass: 'rate_limited',
      minute: 21,
      status: 'needs_review',
    });
    const atEnd = await failure({ errorClass: 'rate_limited', minute: 30 });
    const outcome = await resolveByFilter(ledger.db, ledger.tenantId, {
      filter: {
        flowId: ledger.flowId,
        errorClass: 'rate_limited',
        statuses: ['failed'],
        from: at(20),
        to: at(30),
      },
      decision: 'resolve',
      actor,
      note: 'the window only',
    });
    expect(outcome.applied).toBe(1);
    expect(await statusOf(inside)).toBe('completed');
    expect(await Promise.all([early, review, atEnd].map(statusOf))).toEqual([
      'failed',
      'needs_review',
      'failed',
    ]);
  });

  it('ignores a group: cancelled, with an ignore.recorded fact and no resolve fact', async () => {
    const ids = await Promise.all([
      failure({ errorClass: 'business_rule', status: 'needs_review' }),
      failure({ errorClass: 'business_rule', status: 'needs_review' }),
    ]);
    const outcome = await resolveByFilter(ledger.db, ledger.tenantId, {
      filter: { flowId: ledger.flowId, errorClass: 'business_rule', statuses: ['needs_review'] },
      decision: 'ignore',
      actor,
      note: 'test orders from the storefront team',
    });
    expect(outcome).toMatchObject({ decision: 'ignore', applied: 2, skipped: 0 });
    for (const id of ids) {
      expect(await statusOf(id)).toBe('cancelled');
      const [fact] = await factsOf(id, 'ignore.recorded');
      expect(fact).toMatchObject({
        kind: 'human_action',
        summary: 'Sam Support ignored this failure: test orders from the storefront team',
      });
      expect(await factsOf(id, 'resolve.recorded')).toHaveLength(0);
    }
  });

  it('leaves alone what moved on before the action and what changed after it started', async () => {
    const replayed = await failure({ errorClass: 'duplicate', status: 'needs_review' });
    const stays = await failure({ errorClass: 'duplicate', status: 'needs_review' });
    // Replayed by someone else between the preview and the resolve: no longer an open failure.
    await ledger.db.transaction.update({ where: { id: replayed }, data: { status: 'received' } });
    // Failed again after the person pressed the button: not what they saw.
    const later = await failure({ errorClass: 'duplicate', status: 'needs_review' });
    await ledger.db.transaction.update({
      where: { id: later },
      data: { updatedAt: new Date(Date.now() + 60_000) },
    });
    const outcome = await resolveByFilter(ledger.db, ledger.tenantId, {
      filter: { flowId: ledger.flowId, errorClass: 'duplicate', statuses: ['needs_review'] },
      decision: 'resolve',
      actor,
      note: 'duplicates checked',
    });
    expect(outcome.applied).toBe(1);
    expect(await statusOf(stays)).toBe('completed');
    expect(await statusOf(replayed)).toBe('received');
    expect(await statusOf(later)).toBe('needs_review');
    expect(await factsOf(replayed, 'resolve.recorded')).toHaveLength(0);
  });

  it('refuses a missing note before touching anything', async () => {
    const id = await failure({ errorClass: 'stale' });
    await expect(
      resolveByFilter(ledger.db, ledger.tenantId, {
        filter: { flowId: ledger.flowId, errorClass: 'stale', statuses: ['failed'] },
        decision: 'resolve',
        actor,
        note: ' ',
      }),
    ).rejects.toThrow(/write a note/);
    expect(await statusOf(id)).toBe('failed');
  });
});
