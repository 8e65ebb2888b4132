// Issue upkeep: turns failures on the timeline into issues (ADR 0028). It runs as a scheduled
// job, not inside the engine: the drain's one-statement settle stays as short as before and
// never waits on a hot issue row that every failure of a group would otherwise lock.
//
// Never losing a failure: the timeline is append-only and numbered by a sequence, so the upkeep
// keeps one cursor (the highest entry id read) and reads forward in bounded batches, each batch
// with its issue changes and the cursor's advance in ONE database transaction (a crash re-reads
// the batch, never half of it). A sequence number is taken at insert, not at commit: an entry
// with a smaller id may still be uncommitted when a larger one is visible. So the cursor only
// passes entries older than `lagMs` (state changes carry the statement's clock): every statement
// that writes the timeline commits well within it (the pool's query timeout is 15 s, an
// interactive transaction's 5 s; the lag is 60 s).
//
// A failure is an entry into failed or needs_review from anything else (needs_review -> failed
// is the same failure going on). Its group is the transaction's flow and error class now, which
// within the lag is the class of that failure.
import { auditActorOf, recordAudit } from '@/lib/audit';
import type { Db, ErrorClass } from '@/lib/db';
import { groupWords } from '@/lib/ledger/error-group-words';
import { issueTitle, onFailuresReturned, type IssueState } from './lifecycle';

export const UPKEEP_LAG_MS = 60_000;

export interface UpkeepOptions {
  /** timeline entries read per batch (one database transaction each) */
  batchSize?: number;
  /** batches per run at most: a run never holds the maintenance queue for long */
  maxBatches?: number;
  lagMs?: number;
  now?: () => Date;
}

export interface UpkeepOutcome {
  batches: number;
  scanned: number;
  failures: number;
  created: number;
  reopened: number;
}

interface FailureRow {
  tenant_id: string;
  flow_id: string;
  flow_name: string;
  error_class: string;
  hour: Date;
  count: number;
  first_at: Date;
  last_at: Date;
}

type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0];

export async function runIssueUpkeep(db: Db, options: UpkeepOptions = {}): Promise<UpkeepOutcome> {
  const batchSize = options.batchSize ?? 5000;
  const maxBatches = options.maxBatches ?? 20;
  const lagMs = options.lagMs ?? UPKEEP_LAG_MS;
  const now = options.now ?? (() => new Date());
  await db.$executeRaw`INSERT INTO issue_upkeep_cursor (id) VALUES (1) ON CONFLICT DO NOTHING`;
  const total: UpkeepOutcome = { batches: 0, scanned: 0, failures: 0, created: 0, reopened: 0 };
  while (total.batches < maxBatches) {
    const cutoff = new Date(now().getTime() - lagMs);
    const batch = await db.$transaction((tx) => upkeepBatch(tx, batchSize, cutoff), {
      timeout: 30_000,
    });
    total.batches += 1;
    total.scanned += batch.scanned;
    total.failures += batch.failures;
    total.created += batch.created;
    total.reopened += batch.reopened;
    // Caught up (or stopped at an entry too fresh to pass): the next run goes on from here.
    if (!batch.full) break;
  }
  return total;
}

async function upkeepBatch(tx: Tx, batchSize: number, cutoff: Date) {
  // FOR UPDATE: two runs (two workers) take turns instead of counting a batch twice.
  const [cursor] = await tx.$queryRaw<{ last: string }[]>`
    SELECT last_entry_id::text AS last FROM issue_upkeep_cursor WHERE id = 1 FOR UPDATE`;
  const from = BigInt(cursor?.last ?? '0');
  const [bound] = await tx.$queryRaw<{ upto: string | null; scanned: number; full: boolean }[]>`
    WITH scan AS (
      SELECT id, kind, occurred_at FROM timeline_entries WHERE id > ${from} ORDER BY id LIMIT ${batchSize}
    ), fresh AS (
      SELECT min(id) AS id FROM scan WHERE kind = 'state_change' AND occurred_at > ${cutoff}::timestamptz
    )
    SELECT max(s.id)::text AS upto, count(s.id)::int AS scanned,
      (SELECT count(*) FROM scan) = ${batchSize} AND (SELECT id FROM fresh) IS NULL AS full
    FROM scan s, fresh WHERE fresh.id IS NULL OR s.id < fresh.id`;
  const none = { scanned: 0, failures: 0, created: 0, reopened: 0, full: false };
  if (!bound?.upto) return none;
  const upto = BigInt(bound.upto);
  const rows = await tx.$queryRaw<FailureRow[]>`
    SELECT te.tenant_id::text, t.flow_id::text, f.name AS flow_name,
      coalesce(t.error_class::text, '') AS error_class,
      date_trunc('hour', te.occurred_at, 'UTC') AS hour, count(*)::int AS count,
      min(te.occurred_at) AS first_at, max(te.occurred_at) AS last_at
    FROM timeline_entries te
    JOIN transactions t ON t.id = te.transaction_id AND t.tenant_id = te.tenant_id
    JOIN flows f ON f.id = t.flow_id AND f.tenant_id = t.tenant_id
    WHERE te.id > ${from} AND te.id <= ${upto} AND te.kind = 'state_change'
      AND te.to_status IN ('failed', 'needs_review')
      AND (te.from_status IS NULL OR te.from_status NOT IN ('failed', 'needs_review'))
    GROUP BY 1, 2, 3, 4, 5`;
  const outcome = { ...none, scanned: bound.scanned, full: bound.full };
  for (const group of groupsOf(rows)) {
    const applied = await applyFailures(tx, group);
    outcome.failures += group.count;
    if (applied === 'created') outcome.created += 1;
    if (applied === 'reopened') outcome.reopened += 1;
  }
  await tx.$executeRaw`
    UPDATE issue_upkeep_cursor SET last_entry_id = ${upto}, updated_at = now() WHERE id = 1`;
  return outcome;
}

interface Group {
  tenantId: string;
  flowId: string;
  flowName: string;
  errorClass: string;
  count: number;
  firstAt: Date;
  lastAt: Date;
  hours: { hour: Date; count: number }[];
}

function groupsOf(rows: readonly FailureRow[]): Group[] {
  const groups = new Map<string, Group>();
  for (const r of rows) {
    const key = `${r.tenant_id}:${r.flow_id}:${r.error_class}`;
    const g = groups.get(key) ?? {
      tenantId: r.tenant_id,
      flowId: r.flow_id,
      flowName: r.flow_name,
      errorClass: r.error_class,
      count: 0,
      firstAt: r.first_at,
      lastAt: r.last_at,
      hours: [],
    };
    g.count += r.count;
    if (r.first_at < g.firstAt) g.firstAt = r.first_at;
    if (r.last_at > g.lastAt) g.lastAt = r.last_at;
    g.hours.push({ hour: r.hour, count: r.count });
    groups.set(key, g);
  }
  return [...groups.values()];
}

async function applyFailures(tx: Tx, g: Group): Promise<'created' | 'counted' | 'reopened'> {
  const [issue] = await tx.$queryRaw<{ id: string; state: IssueState; resolved_at: Date | null }[]>`
    SELECT id::text, state::text, resolved_at FROM issues
    WHERE tenant_id = ${g.tenantId}::uuid AND flow_id = ${g.flowId}::uuid AND error_class = ${g.errorClass}
    FOR UPDATE`;
  let applied: 'created' | 'counted' | 'reopened';
  let issueId: string;
  if (!issue) {
    const label = groupWords((g.errorClass || null) as ErrorClass | null).label;
    const created = await tx.issue.create({
      data: {
        tenantId: g.tenantId,
        flowId: g.flowId,
        errorClass: g.errorClass,
        title: issueTitle(g.flowName, label),
        firstSeenAt: g.firstAt,
        lastSeenAt: g.lastAt,
        failureCount: g.count,
      },
      select: { id: true },
    });
    issueId = created.id;
    applied = 'created';
    await tx.issueEvent.create({
      data: {
        tenantId: g.tenantId,
        issueId,
        kind: 'created',
        toState: 'open',
        data: { failures: g.count },
        occurredAt: g.firstAt,
      },
    });
  } else {
    issueId = issue.id;
    const verdict = onFailuresReturned(issue.state, {
      resolvedAt: issue.resolved_at,
      lastFailureAt: g.lastAt,
    });
    const reopened = verdict.kind === 'reopened';
    applied = reopened ? 'reopened' : 'counted';
    await tx.$executeRaw`
      UPDATE issues SET failure_count = failure_count + ${g.count},
        last_seen_at = greatest(last_seen_at, ${g.lastAt}::timestamptz),
        first_seen_at = least(first_seen_at, ${g.firstAt}::timestamptz),
        state = CASE WHEN ${reopened} THEN 'open'::"IssueState" ELSE state END,
        resolved_at = CASE WHEN ${reopened} THEN NULL ELSE resolved_at END,
        reopened_count = reopened_count + CASE WHEN ${reopened} THEN 1 ELSE 0 END,
        updated_at = now()
      WHERE id = ${issueId}::uuid`;
    if (reopened) await recordReopen(tx, g, issueId);
  }
  for (const h of g.hours)
    await tx.$executeRaw`
      INSERT INTO issue_hourly (tenant_id, issue_id, hour, count)
      VALUES (${g.tenantId}::uuid, ${issueId}::uuid, ${h.hour}::timestamptz, ${h.count})
      ON CONFLICT (issue_id, hour) DO UPDATE SET count = issue_hourly.count + EXCLUDED.count`;
  return applied;
}

const REOPEN_REASON = 'reopened: failures returned';

async function recordReopen(tx: Tx, g: Group, issueId: string) {
  await tx.issueEvent.create({
    data: {
      tenantId: g.tenantId,
      issueId,
      kind: 'reopened',
      fromState: 'resolved',
      toState: 'open',
      body: REOPEN_REASON,
      data: { failures: g.count, lastFailureAt: g.lastAt.toISOString() },
    },
  });
  await recordAudit(tx, {
    tenantId: g.tenantId,
    actor: auditActorOf({ id: 'system', label: 'system' }),
    event: {
      action: 'issue.state_changed',
      objectType: 'issue',
      objectId: issueId,
      before: { state: 'resolved' },
      after: { state: 'open', failures: g.count },
      reason: REOPEN_REASON,
    },
  });
}
