// Stored issues against a real PostgreSQL: the upkeep turns failures on the timeline into issues
// (created, counted per hour, reopened after a resolve, never reopened when ignored, never counted
// twice, never passing an entry younger than its lag); people's changes are kept with their
// history and audited; another tenant's issue is "not found".
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorClass } from '@/lib/db';
import { isAppError } from '@/lib/errors';
import { transition } from '@/lib/ledger/transition';
import { insertTransaction, seededLedger, type SeededLedger } from '@/test/support/ledger-fixtures';
import {
  assignIssue,
  changeIssueState,
  commentOnIssue,
  setIssueTags,
  snoozeIssue,
} from './issue-changes';
import { issueFilterSchema } from './issue-filter';
import { getIssue, listIssues } from './issues.presenter';
import { runIssueUpkeep } from './upkeep';

let ledger: SeededLedger;
let by: { by: { id: string; label: string }; requestId: string };
let adminId: string;

/** the upkeep with no lag: everything committed so far is read */
const upkeep = () =>
  runIssueUpkeep(ledger.db, { lagMs: 0, now: () => new Date(Date.now() + 1000) });

beforeAll(async () => {
  ledger = await seededLedger();
  const admin = await ledger.db.user.findUniqueOrThrow({
    where: { email: 'admin@acme.test' },
    select: { id: true, name: true },
  });
  adminId = admin.id;
  by = { by: { id: admin.id, label: admin.name }, requestId: 'req-issue-0001' };
});
afterAll(async () => ledger?.drop());

/** A transaction of the demo flow failing with `errorClass`, through the one guarded transition. */
async function fail(errorClass: ErrorClass, to: 'failed' | 'needs_review' = 'failed') {
  const id = await insertTransaction(ledger, { status: 'processing', outbox: false });
  const verdict = await transition(ledger.db, {
    tenantId: ledger.tenantId,
    transactionId: id,
    to,
    reason: `failed (${errorClass})`,
    errorClass,
    lastError: 'boom',
  });
  expect(verdict.kind).toBe('applied');
  return id;
}

const issueOf = (errorClass: string) =>
  ledger.db.issue.findFirstOrThrow({
    where: { tenantId: ledger.tenantId, flowId: ledger.flowId, errorClass },
  });
const historyOf = (issueId: string) =>
  ledger.db.issueEvent.findMany({ where: { issueId }, orderBy: { id: 'asc' } });
const auditOf = (issueId: string) =>
  ledger.db.auditEntry.findMany({
    where: { tenantId: ledger.tenantId, objectId: issueId },
    orderBy: { seq: 'asc' },
  });

async function code(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'resolved';
  } catch (error) {
    return isAppError(error) ? error.code : String(error);
  }
}

describe('issue upkeep', () => {
  it('creates an issue per flow and class and counts failures once, hour by hour', async () => {
    await fail('timeout');
    await fail('timeout', 'needs_review');
    const outcome = await upkeep();
    expect(outcome.created).toBeGreaterThanOrEqual(1);
    const issue = await issueOf('timeout');
    expect(issue).toMatchObject({ state: 'open', failureCount: 2, reopenedCount: 0 });
    expect(issue.title).toMatch(/on /);
    // Nothing new: a second pass counts nothing again.
    await upkeep();
    expect((await issueOf('timeout')).failureCount).toBe(2);
    await fail('timeout');
    await upkeep();
    const after = await issueOf('timeout');
    expect(after.failureCount).toBe(3);
    expect(after.lastSeenAt.getTime()).toBeGreaterThanOrEqual(issue.lastSeenAt.getTime());
    const hourly = await ledger.db.issueHourly.findMany({ where: { issueId: issue.id } });
    expect(hourly.reduce((n, h) => n + h.count, 0)).toBe(3);
    expect((await historyOf(issue.id)).map((e) => e.kind)).toEqual(['created']);
  });

  it('counts a review that then fails as one failure', async () => {
    const id = await fail('validation', 'needs_review');
    await transition(ledger.db, {
      tenantId: ledger.tenantId,
      transactionId: id,
      to: 'failed',
      reason: 'given up',
    });
    await upkeep();
    expect((await issueOf('validation')).failureCount).toBe(1);
  });

  it('does not pass a failure younger than its lag, and reads it once it is old enough', async () => {
    await upkeep();
    await fail('auth');
    const early = await runIssueUpkeep(ledger.db, { lagMs: 60_000 });
    expect(early.failures).toBe(0);
    expect(await ledger.db.issue.count({ where: { errorClass: 'auth' } })).toBe(0);
    await upkeep();
    expect((await issueOf('auth')).failureCount).toBe(1);
  });

  it('works through a backlog in bounded batches', async () => {
    await Promise.all([fail('mapping'), fail('mapping'), fail('mapping')]);
    const outcome = await runIssueUpkeep(ledger.db, {
      lagMs: 0,
      now: () => new Date(Date.now() + 1000),
      batchSize: 2,
      maxBatches: 100,
    });
    expect(outcome.batches).toBeGreaterThan(1);
    expect((await issueOf('mapping')).failureCount).toBe(3);
  });

  it('reopens a resolved issue when its group fails again, with its history and audit', async () => {
    await fail('rate_limited');
    await upkeep();
    const issue = await issueOf('rate_limited');
    await changeIssueState(
      ledger.db,
      ledger.tenantId,
      { issueId: issue.id, action: 'resolve', note: 'provider raised our limit' },
      by,
    );
    expect(await issueOf('rate_limited')).toMatchObject({ state: 'resolved' });
    await upkeep();
    expect((await issueOf('rate_limited')).state).toBe('resolved');

    await fail('rate_limited');
    const outcome = await upkeep();
    expect(outcome.reopened).toBe(1);
    const reopened = await issueOf('rate_limited');
    expect(reopened).toMatchObject({ state: 'open', reopenedCount: 1, failureCount: 2 });
    expect(reopened.resolvedAt).toBeNull();
    const history = await historyOf(issue.id);
    expect(history.map((e) => [e.kind, e.toState])).toEqual([
      ['created', 'open'],
      ['state_changed', 'resolved'],
      ['reopened', 'open'],
    ]);
    expect(history[2]?.body).toBe('reopened: failures returned');
    const audit = await auditOf(issue.id);
    expect(audit.map((a) => [a.action, a.actorLabel])).toEqual([
      ['issue.state_changed', by.by.label],
      ['issue.state_changed', 'system'],
    ]);
    expect(audit[1]?.after).toMatchObject({ state: 'open' });
  });

  it('keeps an ignored issue ignored when its group fails again', async () => {
    await fail('duplicate');
    await upkeep();
    const issue = await issueOf('duplicate');
    await changeIssueState(ledger.db, ledger.tenantId, { issueId: issue.id, action: 'ignore' }, by);
    await fail('duplicate');
    await upkeep();
    expect(await issueOf('duplicate')).toMatchObject({
      state: 'ignored',
      failureCount: 2,
      reopenedCount: 0,
    });
  });
});

describe('issue changes', () => {
  it('keeps owner, snooze, tags and a comment, with history and audit before/after', async () => {
    await fail('stale');
    await upkeep();
    const { id } = await issueOf('stale');
    const until = new Date(Date.now() + 3_600_000);
    await assignIssue(ledger.db, ledger.tenantId, { issueId: id, ownerUserId: adminId }, by);
    await snoozeIssue(ledger.db, ledger.tenantId, { issueId: id, until }, by);
    await setIssueTags(ledger.db, ledger.tenantId, { issueId: id, tags: ['wms', 'p1'] }, by);
    await commentOnIssue(ledger.db, ledger.tenantId, { issueId: id, body: 'WMS is on it' }, by);
    // The same owner again changes nothing and records nothing.
    const same = await assignIssue(
      ledger.db,
      ledger.tenantId,
      { issueId: id, ownerUserId: adminId },
      by,
    );
    expect(same.changed).toBe(false);

    const detail = await getIssue(ledger.db, ledger.tenantId, id);
    expect(detail.issue).toMatchObject({
      owner: { userId: adminId },
      snoozed: true,
      snoozedUntil: until.toISOString(),
      tags: ['wms', 'p1'],
    });
    expect(detail.history.map((h) => h.kind)).toEqual([
      'commented',
      'tagged',
      'snoozed',
      'assigned',
      'created',
    ]);
    expect(detail.history[0]).toMatchObject({ body: 'WMS is on it', actorLabel: by.by.label });

    expect(detail.trend.reduce((n, t) => n + t.count, 0)).toBe(1);

    const audit = await auditOf(id);
    expect(audit.map((a) => a.action)).toEqual([
      'issue.assigned',
      'issue.snoozed',
      'issue.tagged',
      'issue.commented',
    ]);
    expect(audit[0]).toMatchObject({
      before: { ownerUserId: null },
      after: { ownerUserId: adminId },
    });
    expect(audit[2]).toMatchObject({ before: { tags: [] }, after: { tags: ['wms', 'p1'] } });
    expect(audit[3]?.reason).toBe('WMS is on it');

    // a comment quoting a customer: a role without personal_data.read reads it masked
    await commentOnIssue(
      ledger.db,
      ledger.tenantId,
      { issueId: id, body: 'lars.jansen@example.com says the tent never came' },
      by,
    );
    const masked = await getIssue(ledger.db, ledger.tenantId, id, { maskPersonalData: true });
    expect(masked.history[0]?.body).toBe('l***@example.com says the tent never came');
    const plain = await getIssue(ledger.db, ledger.tenantId, id);
    expect(plain.history[0]?.body).toBe('lars.jansen@example.com says the tent never came');

    // Snoozed: hidden from the default list, shown when asked for.
    const hidden = await listIssues(ledger.db, ledger.tenantId, issueFilterSchema.parse({}));
    expect(hidden.issues.map((i) => i.id)).not.toContain(id);
    expect(hidden.snoozedHidden).toBeGreaterThanOrEqual(1);
    const shown = await listIssues(
      ledger.db,
      ledger.tenantId,
      issueFilterSchema.parse({ snoozed: 'show', owner: adminId }),
    );
    expect(shown.issues.map((i) => i.id)).toEqual([id]);
    // ...and again by itself once the snooze has passed.
    const later = await listIssues(
      ledger.db,
      ledger.tenantId,
      issueFilterSchema.parse({}),
      new Date(until.getTime() + 1000),
    );
    expect(later.issues.map((i) => i.id)).toContain(id);
  });

  it('filters by state and owner', async () => {
    const none = await listIssues(
      ledger.db,
      ledger.tenantId,
      issueFilterSchema.parse({ state: 'all', owner: 'none', snoozed: 'show' }),
    );
    expect(none.issues.every((i) => i.owner === null)).toBe(true);
    const ignored = await listIssues(
      ledger.db,
      ledger.tenantId,
      issueFilterSchema.parse({ state: 'ignored' }),
    );
    expect(ignored.issues.map((i) => i.errorClass)).toEqual(['duplicate']);
  });

  it('refuses an action the state does not allow, and an owner from outside the tenant', async () => {
    const { id } = await issueOf('stale');
    expect(
      await code(
        changeIssueState(ledger.db, ledger.tenantId, { issueId: id, action: 'reopen' }, by),
      ),
    ).toBe('ILLEGAL_TRANSITION');
    expect(
      await code(
        assignIssue(
          ledger.db,
          ledger.tenantId,
          { issueId: id, ownerUserId: '0193a000-0000-7000-8000-000000000bad' },
          by,
        ),
      ),
    ).toBe('NOT_FOUND');
  });

  it("answers another tenant's issue as not found and changes nothing", async () => {
    const { id } = await issueOf('stale');
    const other = '0193a000-0000-7000-8000-0000000000ff';
    expect(
      await code(changeIssueState(ledger.db, other, { issueId: id, action: 'resolve' }, by)),
    ).toBe('NOT_FOUND');
    expect(await code(getIssue(ledger.db, other, id))).toBe('NOT_FOUND');
    expect((await issueOf('stale')).state).toBe('open');
  });
});
