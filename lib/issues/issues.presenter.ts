// Read models of stored issues: the list of the Error queues screen (filtered by state, owner and
// snooze) and one issue's page (its history, owner, the members it may be assigned to, its trend
// and the count of its group's transactions still waiting for a person).
import { tenantDb, type Db, type ErrorClass } from '@/lib/db';
import { notFound } from '@/lib/errors';
import { groupWords } from '@/lib/ledger/error-group-words';
import { createMasker } from '@/lib/ledger/mask';
import { OPEN_FAILURE_STATUSES } from '@/lib/ledger/error-groups.presenter';
import { ISSUE_LIST_MAX, statesOf, type IssueFilter } from './issue-filter';
import { actionsFrom, isSnoozed, type IssueState } from './lifecycle';

const ISSUE = {
  id: true,
  flowId: true,
  errorClass: true,
  title: true,
  state: true,
  ownerUserId: true,
  snoozedUntil: true,
  tags: true,
  firstSeenAt: true,
  lastSeenAt: true,
  failureCount: true,
  resolvedAt: true,
  reopenedCount: true,
} as const;

type Row = {
  id: string;
  flowId: string;
  errorClass: string;
  title: string;
  state: IssueState;
  ownerUserId: string | null;
  snoozedUntil: Date | null;
  tags: string[];
  firstSeenAt: Date;
  lastSeenAt: Date;
  failureCount: number;
  resolvedAt: Date | null;
  reopenedCount: number;
};

function dto(r: Row, names: { flows: Map<string, string>; users: Map<string, string> }, now: Date) {
  return {
    id: r.id,
    title: r.title,
    flowId: r.flowId,
    flowName: names.flows.get(r.flowId) ?? 'deleted flow',
    /** null: failures without a class */
    errorClass: (r.errorClass || null) as ErrorClass | null,
    errorClassLabel: groupWords((r.errorClass || null) as ErrorClass | null).label,
    state: r.state,
    owner: r.ownerUserId
      ? { userId: r.ownerUserId, name: names.users.get(r.ownerUserId) ?? 'former member' }
      : null,
    snoozedUntil: r.snoozedUntil?.toISOString() ?? null,
    snoozed: isSnoozed(r.snoozedUntil, now),
    tags: r.tags,
    firstSeenAt: r.firstSeenAt.toISOString(),
    lastSeenAt: r.lastSeenAt.toISOString(),
    failureCount: r.failureCount,
    resolvedAt: r.resolvedAt?.toISOString() ?? null,
    reopenedCount: r.reopenedCount,
  };
}

async function namesOf(db: Db, tenantId: string, rows: readonly Row[]) {
  const scoped = tenantDb(db, tenantId);
  const flowIds = [...new Set(rows.map((r) => r.flowId))];
  const userIds = [...new Set(rows.flatMap((r) => (r.ownerUserId ? [r.ownerUserId] : [])))];
  const [flows, members] = await Promise.all([
    scoped.flow.findMany({ where: { id: { in: flowIds } }, select: { id: true, name: true } }),
    userIds.length === 0
      ? Promise.resolve([])
      : scoped.membership.findMany({
          where: { userId: { in: userIds } },
          select: { user: { select: { id: true, name: true } } },
        }),
  ]);
  return {
    flows: new Map(flows.map((f) => [f.id, f.name])),
    users: new Map(members.map((m) => [m.user.id, m.user.name])),
  };
}

export async function listIssues(db: Db, tenantId: string, filter: IssueFilter, now = new Date()) {
  const scoped = tenantDb(db, tenantId);
  const where = {
    state: { in: statesOf(filter.state) },
    ...(filter.owner === 'none' && { ownerUserId: null }),
    ...(filter.owner && filter.owner !== 'none' && { ownerUserId: filter.owner }),
  };
  const hidden = { OR: [{ snoozedUntil: null }, { snoozedUntil: { lte: now } }] };
  const [rows, snoozedHidden] = await Promise.all([
    scoped.issue.findMany({
      where: filter.snoozed === 'show' ? where : { ...where, ...hidden },
      select: ISSUE,
      orderBy: [{ lastSeenAt: 'desc' }, { id: 'desc' }],
      take: ISSUE_LIST_MAX + 1,
    }),
    filter.snoozed === 'show'
      ? Promise.resolve(0)
      : scoped.issue.count({ where: { ...where, snoozedUntil: { gt: now } } }),
  ]);
  const page = rows.slice(0, ISSUE_LIST_MAX);
  const names = await namesOf(db, tenantId, page);
  return {
    asOf: now.toISOString(),
    issues: page.map((r) => dto(r, names, now)),
    /** more matched than the list shows: narrow the filter */
    truncated: rows.length > ISSUE_LIST_MAX,
    /** snoozed issues the filter matched but hid */
    snoozedHidden,
  };
}

export type IssueList = Awaited<ReturnType<typeof listIssues>>;
export type IssueListItem = IssueList['issues'][number];

/** The tenant's members: who an issue may be assigned to, and the owner filter's choices. */
export async function listIssueMembers(db: Db, tenantId: string) {
  const rows = await tenantDb(db, tenantId).membership.findMany({
    select: { user: { select: { id: true, name: true } } },
    orderBy: { user: { name: 'asc' } },
  });
  return rows.map((m) => ({ userId: m.user.id, name: m.user.name }));
}

/** How far back the trend goes, in hours (14 days of hourly counts). */
export const TREND_HOURS = 14 * 24;

export async function getIssue(
  db: Db,
  tenantId: string,
  id: string,
  options: { now?: Date; maskPersonalData?: boolean } = {},
) {
  const now = options.now ?? new Date();
  // comments are free text: a role without personal_data.read reads them with emails and
  // personal fields masked, as it reads transaction notes
  const mask = createMasker({ personal: options.maskPersonalData ?? false });
  const scoped = tenantDb(db, tenantId);
  const row = await scoped.issue.findFirst({ where: { id }, select: ISSUE });
  if (!row) throw notFound('issue');
  const since = new Date(now.getTime() - TREND_HOURS * 3_600_000);
  const [names, events, hourly, members, waiting] = await Promise.all([
    namesOf(db, tenantId, [row]),
    scoped.issueEvent.findMany({
      where: { issueId: id },
      orderBy: [{ occurredAt: 'desc' }, { id: 'desc' }],
      take: 500,
      select: {
        id: true,
        kind: true,
        actor: true,
        actorLabel: true,
        fromState: true,
        toState: true,
        body: true,
        data: true,
        occurredAt: true,
      },
    }),
    scoped.issueHourly.findMany({
      where: { issueId: id, hour: { gte: since } },
      orderBy: { hour: 'asc' },
      select: { hour: true, count: true },
    }),
    listIssueMembers(db, tenantId),
    scoped.transaction.count({
      where: {
        flowId: row.flowId,
        errorClass: (row.errorClass || null) as ErrorClass | null,
        status: { in: [...OPEN_FAILURE_STATUSES] },
      },
    }),
  ]);
  return {
    issue: dto(row, names, now),
    /** the actions a person may take from this state (the buttons) */
    actions: actionsFrom(row.state),
    history: events.map((e) => ({
      id: e.id.toString(),
      kind: e.kind,
      actor: e.actor,
      actorLabel: e.actorLabel,
      fromState: e.fromState,
      toState: e.toState,
      body: e.body === null ? null : mask.text(e.body),
      data: mask.value(e.data),
      occurredAt: e.occurredAt.toISOString(),
    })),
    trend: hourly.map((h) => ({ hour: h.hour.toISOString(), count: h.count })),
    members,
    /** the group's transactions still failed or in review (what replay and resolve act on) */
    waitingTransactions: waiting,
  };
}

export type IssueDetail = Awaited<ReturnType<typeof getIssue>>;
