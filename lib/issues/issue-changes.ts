// What people do to an issue: change its state, assign an owner, snooze, tag and comment. One
// database transaction per change: the row is locked, the history entry and the audit entry are
// written with the change, so all three exist exactly when it committed. A change that changes
// nothing (the same owner, the same tags) records nothing and says so.
import { auditActorOf, recordAudit, type AuditEvent } from '@/lib/audit';
import { tenantDb, type Db, type TenantTx } from '@/lib/db';
import { AppError, notFound } from '@/lib/errors';
import type { Operator } from '@/lib/ledger/operator';
import { decideAction, type IssueAction, type IssueState } from './lifecycle';

export interface IssueChangeContext {
  by: Operator;
  requestId?: string | null;
}

export interface IssueChanged {
  id: string;
  changed: boolean;
  state: IssueState;
}

const ROW = {
  id: true,
  state: true,
  ownerUserId: true,
  snoozedUntil: true,
  tags: true,
} as const;

type Row = {
  id: string;
  state: IssueState;
  ownerUserId: string | null;
  snoozedUntil: Date | null;
  tags: string[];
};

async function lockIssue(tx: TenantTx, tenantId: string, id: string): Promise<Row> {
  // The lock keeps the upkeep's reopen and a person's resolve in one order.
  const locked = await tx.$queryRaw<{ id: string }[]>`
    SELECT id::text FROM issues WHERE id = ${id}::uuid AND tenant_id = ${tenantId}::uuid FOR UPDATE`;
  if (locked.length === 0) throw notFound('issue');
  return tx.issue.findUniqueOrThrow({ where: { id }, select: ROW });
}

async function record(
  tx: TenantTx,
  tenantId: string,
  ctx: IssueChangeContext,
  entry: {
    issueId: string;
    kind: string;
    fromState?: IssueState;
    toState?: IssueState;
    body?: string;
    data?: Record<string, string | number | boolean | null | string[]>;
  },
  event: AuditEvent,
) {
  await tx.issueEvent.create({
    data: { tenantId, actor: ctx.by.id, actorLabel: ctx.by.label, ...entry },
  });
  await recordAudit(tx, {
    tenantId,
    actor: auditActorOf(ctx.by),
    requestId: ctx.requestId ?? null,
    event,
  });
}

function inTx<T>(db: Db, tenantId: string, run: (tx: TenantTx) => Promise<T>): Promise<T> {
  return tenantDb(db, tenantId).$transaction(run);
}

export function changeIssueState(
  db: Db,
  tenantId: string,
  input: { issueId: string; action: IssueAction; note?: string | undefined },
  ctx: IssueChangeContext,
): Promise<IssueChanged> {
  return inTx(db, tenantId, async (tx) => {
    const issue = await lockIssue(tx, tenantId, input.issueId);
    const verdict = decideAction(issue.state, input.action);
    if (verdict.kind === 'refused')
      throw new AppError(
        'ILLEGAL_TRANSITION',
        `this issue is ${issue.state}: it cannot be ${input.action === 'reopen' ? 'reopened' : `${input.action}d`}`,
      );
    const now = new Date();
    await tx.issue.update({
      where: { id: issue.id },
      data: {
        state: verdict.to,
        resolvedAt: verdict.to === 'resolved' ? now : null,
        updatedAt: now,
      },
    });
    await record(
      tx,
      tenantId,
      ctx,
      {
        issueId: issue.id,
        kind: 'state_changed',
        fromState: verdict.from,
        toState: verdict.to,
        ...(input.note && { body: input.note }),
      },
      {
        action: 'issue.state_changed',
        objectType: 'issue',
        objectId: issue.id,
        before: { state: verdict.from },
        after: { state: verdict.to },
        ...(input.note && { reason: input.note }),
      },
    );
    return { id: issue.id, changed: true, state: verdict.to };
  });
}

export function assignIssue(
  db: Db,
  tenantId: string,
  input: { issueId: string; ownerUserId: string | null },
  ctx: IssueChangeContext,
): Promise<IssueChanged> {
  return inTx(db, tenantId, async (tx) => {
    const issue = await lockIssue(tx, tenantId, input.issueId);
    if (input.ownerUserId !== null) {
      // An owner is a member of this tenant: a uuid from elsewhere is "not found", not a leak.
      const member = await tx.membership.findFirst({
        where: { userId: input.ownerUserId },
        select: { userId: true },
      });
      if (!member) throw notFound('member');
    }
    if (issue.ownerUserId === input.ownerUserId)
      return { id: issue.id, changed: false, state: issue.state };
    await tx.issue.update({
      where: { id: issue.id },
      data: { ownerUserId: input.ownerUserId, updatedAt: new Date() },
    });
    const before = { ownerUserId: issue.ownerUserId };
    const after = { ownerUserId: input.ownerUserId };
    await record(
      tx,
      tenantId,
      ctx,
      {
        issueId: issue.id,
        kind: 'assigned',
        data: { from: issue.ownerUserId, to: input.ownerUserId },
      },
      { action: 'issue.assigned', objectType: 'issue', objectId: issue.id, before, after },
    );
    return { id: issue.id, changed: true, state: issue.state };
  });
}

export function snoozeIssue(
  db: Db,
  tenantId: string,
  input: { issueId: string; until: Date | null },
  ctx: IssueChangeContext,
): Promise<IssueChanged> {
  return inTx(db, tenantId, async (tx) => {
    const issue = await lockIssue(tx, tenantId, input.issueId);
    const iso = (d: Date | null) => (d ? d.toISOString() : null);
    if (iso(issue.snoozedUntil) === iso(input.until))
      return { id: issue.id, changed: false, state: issue.state };
    await tx.issue.update({
      where: { id: issue.id },
      data: { snoozedUntil: input.until, updatedAt: new Date() },
    });
    const before = { snoozedUntil: iso(issue.snoozedUntil) };
    const after = { snoozedUntil: iso(input.until) };
    await record(
      tx,
      tenantId,
      ctx,
      {
        issueId: issue.id,
        kind: 'snoozed',
        data: { from: before.snoozedUntil, to: after.snoozedUntil },
      },
      { action: 'issue.snoozed', objectType: 'issue', objectId: issue.id, before, after },
    );
    return { id: issue.id, changed: true, state: issue.state };
  });
}

export function setIssueTags(
  db: Db,
  tenantId: string,
  input: { issueId: string; tags: string[] },
  ctx: IssueChangeContext,
): Promise<IssueChanged> {
  return inTx(db, tenantId, async (tx) => {
    const issue = await lockIssue(tx, tenantId, input.issueId);
    if (issue.tags.join('\n') === input.tags.join('\n'))
      return { id: issue.id, changed: false, state: issue.state };
    await tx.issue.update({
      where: { id: issue.id },
      data: { tags: input.tags, updatedAt: new Date() },
    });
    await record(
      tx,
      tenantId,
      ctx,
      { issueId: issue.id, kind: 'tagged', data: { from: issue.tags, to: input.tags } },
      {
        action: 'issue.tagged',
        objectType: 'issue',
        objectId: issue.id,
        before: { tags: issue.tags },
        after: { tags: input.tags },
      },
    );
    return { id: issue.id, changed: true, state: issue.state };
  });
}

export function commentOnIssue(
  db: Db,
  tenantId: string,
  input: { issueId: string; body: string },
  ctx: IssueChangeContext,
): Promise<IssueChanged> {
  return inTx(db, tenantId, async (tx) => {
    const issue = await lockIssue(tx, tenantId, input.issueId);
    await tx.issue.update({ where: { id: issue.id }, data: { updatedAt: new Date() } });
    await record(
      tx,
      tenantId,
      ctx,
      { issueId: issue.id, kind: 'commented', body: input.body },
      { action: 'issue.commented', objectType: 'issue', objectId: issue.id, reason: input.body },
    );
    return { id: issue.id, changed: true, state: issue.state };
  });
}
