// What each alert kind finds right now, one finding per group (flow, connection or SLA rule).
// A group without a finding is a condition that cleared. Each query is tenant-scoped and bounded:
// a window of one flow's transactions, the due outbox rows per connection (index
// (connection_id, available_at)), the tenant's connections, or the open breaches.
import { Prisma, type Db } from '@/lib/db';
import { breachSummary, SLA_BREACH_CLASS } from '@/lib/sla/sla-breaches.presenter';
import { failureRateReached, groupKeys, percentOf } from './alert-decision';
import type { AlertParams } from './alert-rule-params';

export interface Finding {
  groupKey: string;
  reason: string;
  errorClass: string | null;
  counts: Record<string, number>;
  /** console path the alert links to */
  path: string;
}

export async function findConditions(
  db: Db,
  tenantId: string,
  rule: AlertParams,
  now: Date,
): Promise<Finding[]> {
  switch (rule.kind) {
    case 'failure_rate':
      return failureRate(db, tenantId, rule.params, now);
    case 'backlog_age':
      return backlogAge(db, tenantId, rule.params, now);
    case 'circuit_open':
      return circuitOpen(db, tenantId, rule.params);
    case 'sla_breach':
      return slaBreaches(db, tenantId, rule.params);
    case 'reconciliation_drift':
      return reconciliationDrift(db, tenantId, rule.params);
    default: {
      const never: never = rule;
      throw new Error(`unknown alert kind ${JSON.stringify(never)}`);
    }
  }
}

type Params<K extends AlertParams['kind']> = Extract<AlertParams, { kind: K }>['params'];

async function failureRate(db: Db, tenantId: string, p: Params<'failure_rate'>, now: Date) {
  const since = new Date(now.getTime() - p.windowMinutes * 60_000);
  const [row] = await db.$queryRaw<
    { name: string; total: number; failed: number; top_class: string | null }[]
  >`
    SELECT f.name,
      count(t.id)::int AS total,
      count(t.id) FILTER (WHERE t.status IN ('failed', 'needs_review'))::int AS failed,
      (mode() WITHIN GROUP (ORDER BY t.error_class)
        FILTER (WHERE t.status IN ('failed', 'needs_review')))::text AS top_class
    FROM flows f
    LEFT JOIN transactions t ON t.tenant_id = ${tenantId}::uuid AND t.flow_id = f.id
      AND t.created_at >= ${since}::timestamptz AND t.created_at <= ${now}::timestamptz
    WHERE f.tenant_id = ${tenantId}::uuid AND f.id = ${p.flowId}::uuid
    GROUP BY f.name`;
  if (!row || !failureRateReached({ ...row, ...p })) return [];
  return [
    {
      groupKey: groupKeys.flow(p.flowId),
      reason:
        `${percentOf(row.failed, row.total)} % of ${row.name} transactions failed or need ` +
        `review in the last ${p.windowMinutes} min (${row.failed} of ${row.total}; ` +
        `threshold ${p.ratePercent} %)`,
      errorClass: row.top_class,
      counts: { failed: row.failed, total: row.total },
      path: `/transactions?flowId=${p.flowId}&status=failed,needs_review`,
    },
  ];
}

async function backlogAge(db: Db, tenantId: string, p: Params<'backlog_age'>, now: Date) {
  const before = new Date(now.getTime() - p.olderThanMinutes * 60_000);
  const only = p.connectionId ? Prisma.sql`AND c.id = ${p.connectionId}::uuid` : Prisma.empty;
  // Per connection, the oldest due row is the first of its (connection_id, available_at) index.
  const rows = await db.$queryRaw<{ id: string; name: string; oldest: Date; due: number }[]>`
    SELECT c.id::text, c.name, o.oldest, o.due
    FROM connections c
    CROSS JOIN LATERAL (
      SELECT min(x.available_at) AS oldest, count(*)::int AS due FROM outbox x
      WHERE x.connection_id = c.id AND x.tenant_id = ${tenantId}::uuid
        AND x.available_at <= ${now}::timestamptz
    ) o
    WHERE c.tenant_id = ${tenantId}::uuid ${only} AND o.oldest < ${before}::timestamptz
    ORDER BY c.name`;
  return rows.map((r) => {
    const ageMinutes = Math.floor((now.getTime() - r.oldest.getTime()) / 60_000);
    return {
      groupKey: groupKeys.connection(r.id),
      reason:
        `The oldest of ${r.due} due deliveries to ${r.name} has waited ${ageMinutes} min ` +
        `(threshold ${p.olderThanMinutes} min)`,
      errorClass: null,
      counts: { due: r.due, oldestAgeMinutes: ageMinutes },
      path: `/connections/${r.id}`,
    };
  });
}

async function circuitOpen(db: Db, tenantId: string, p: Params<'circuit_open'>) {
  const rows = await db.connection.findMany({
    where: { tenantId, circuitState: 'open', ...(p.connectionId && { id: p.connectionId }) },
    select: { id: true, name: true, circuitChangedAt: true, circuitFailures: true },
    orderBy: { name: 'asc' },
  });
  return rows.map((c) => ({
    groupKey: groupKeys.connection(c.id),
    reason:
      `Deliveries to ${c.name} are stopped: its circuit breaker opened` +
      (c.circuitChangedAt ? ` at ${c.circuitChangedAt.toISOString()}` : '') +
      ` after ${c.circuitFailures} failures`,
    errorClass: 'circuit_open',
    counts: { failures: c.circuitFailures },
    path: `/connections/${c.id}`,
  }));
}

async function slaBreaches(db: Db, tenantId: string, p: Params<'sla_breach'>) {
  const only = p.slaRuleId ? Prisma.sql`AND r.id = ${p.slaRuleId}::uuid` : Prisma.empty;
  const rows = await db.$queryRaw<
    { id: string; name: string; within_minutes: number; open: number }[]
  >`
    SELECT r.id::text, r.name, r.within_minutes, count(*)::int AS open
    FROM sla_rules r
    JOIN sla_breaches b ON b.rule_id = r.id AND b.tenant_id = ${tenantId}::uuid
      AND b.cleared_at IS NULL
    WHERE r.tenant_id = ${tenantId}::uuid AND r.enabled ${only}
    GROUP BY r.id, r.name, r.within_minutes
    HAVING count(*) >= ${p.minBreaches}
    ORDER BY r.name`;
  return rows.map((r) => ({
    groupKey: groupKeys.sla(r.id),
    reason: breachSummary(r.open, r.name, r.within_minutes),
    errorClass: SLA_BREACH_CLASS,
    counts: { open: r.open },
    path: '/errors',
  }));
}

/** Per flow, its latest finished run (index (tenant_id, flow_id, created_at DESC)): drift above
 * the threshold holds until a later run finds less. */
async function reconciliationDrift(db: Db, tenantId: string, p: Params<'reconciliation_drift'>) {
  const only = p.flowId ? Prisma.sql`AND f.id = ${p.flowId}::uuid` : Prisma.empty;
  const rows = await db.$queryRaw<
    {
      flow_id: string;
      name: string;
      run_id: string;
      drifted: number;
      listed: number;
      window_from: Date;
      window_to: Date;
    }[]
  >`
    SELECT f.id::text AS flow_id, f.name, r.id::text AS run_id, r.drifted, r.listed,
      r.window_from, r.window_to
    FROM flows f
    CROSS JOIN LATERAL (
      SELECT x.id, x.drifted, x.listed, x.window_from, x.window_to FROM reconciliation_runs x
      WHERE x.tenant_id = ${tenantId}::uuid AND x.flow_id = f.id AND x.status = 'completed'
      ORDER BY x.created_at DESC LIMIT 1
    ) r
    WHERE f.tenant_id = ${tenantId}::uuid ${only} AND r.drifted >= ${p.minDriftItems}
    ORDER BY f.name`;
  return rows.map((r) => ({
    groupKey: groupKeys.drift(r.flow_id),
    reason:
      `The latest reconciliation of ${r.name} (${r.window_from.toISOString()} to ` +
      `${r.window_to.toISOString()}) found ${r.drifted} drift item(s) in ${r.listed} record(s) ` +
      `(threshold ${p.minDriftItems})`,
    errorClass: 'reconciliation_drift',
    counts: { drifted: r.drifted, listed: r.listed },
    path: `/reconciliation/runs/${r.run_id}`,
  }));
}
