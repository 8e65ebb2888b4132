// Absence checks (issue 6 item 5): for each enabled SLA rule, raise a breach for every business
// key whose expected step did not happen in time, and clear the breaches whose step has happened.
//
// The clock starts when the start flow's transaction completed (e.g. payment recorded in the ERP)
// or, without a start flow, when the expected flow's own transaction was created (the order
// reached us but the warehouse has not acknowledged it). "Happened" means a transaction of the
// expected flow with the same business key is settled: completed, or cancelled by a person (a
// cancelled step will never happen; keeping that breach open would only be noise).
//
// Set-based and bounded: each rule is one INSERT … SELECT and one UPDATE, each LIMITed. Only
// start transactions created within the rule's window plus LOOKBACK_HOURS are candidates (a day
// of worker downtime is caught up; older absences are history, not news), so the scan is one day
// of one flow on (tenant_id, flow_id, created_at DESC, id DESC), not the flow's whole history; the
// NOT EXISTS probes use (tenant_id, business_key) and the breaches' unique (rule_id, business_key).
// Measured with 60k transactions per flow in the window: raise ~250 ms (the planner seq-scans
// when the window is the whole table), clear ~5 ms. At high volume an incremental watermark per
// rule would be cheaper than rescanning the day every minute (needs a column: reported).
// A breach is raised at most once per rule and key (the unique index): once cleared it stays
// cleared, so a late step that completes and is then replayed does not raise it again.
import { Prisma, type Db } from '@/lib/db';

/** how far past its deadline a start can lie and still be checked */
export const LOOKBACK_HOURS = 24;
/** per rule and run; the next minute's run takes the rest */
export const BATCH_LIMIT = 5_000;

export interface SlaRuleRow {
  id: string;
  tenantId: string;
  startFlowId: string | null;
  expectFlowId: string;
  withinMinutes: number;
}

export interface SlaCheckOutcome {
  rules: number;
  raised: number;
  cleared: number;
}

/** Runs every enabled rule of one tenant, or of all tenants when `tenantId` is left out. */
export async function checkSlas(
  db: Db,
  options: { tenantId?: string; now?: Date; limit?: number } = {},
): Promise<SlaCheckOutcome> {
  const now = options.now ?? new Date();
  const limit = options.limit ?? BATCH_LIMIT;
  // Across tenants on purpose (the scheduled pass); every statement below names the rule's tenant.
  const rules = await db.slaRule.findMany({
    where: { enabled: true, ...(options.tenantId && { tenantId: options.tenantId }) },
    select: {
      id: true,
      tenantId: true,
      startFlowId: true,
      expectFlowId: true,
      withinMinutes: true,
    },
    orderBy: { id: 'asc' },
  });
  let raised = 0;
  let cleared = 0;
  for (const rule of rules) {
    cleared += await clearBreaches(db, rule, now, limit);
    raised += await raiseBreaches(db, rule, now, limit);
  }
  return { rules: rules.length, raised, cleared };
}

const SETTLED = Prisma.sql`('completed', 'cancelled')`;

/** The expected step of `key` has settled: the probe both statements share. */
function settledSql(rule: SlaRuleRow, key: Prisma.Sql) {
  return Prisma.sql`EXISTS (
    SELECT 1 FROM transactions e
    WHERE e.tenant_id = ${rule.tenantId}::uuid AND e.business_key = ${key}
      AND e.flow_id = ${rule.expectFlowId}::uuid AND e.status IN ${SETTLED})`;
}

/**
 * The keys of `rule` that are late at `now`: one row per business key (its first start, the
 * clock that started and the due time), whose expected step has not settled. The one definition
 * the breach job (raiseBreaches) and the overview's live business checks (business-checks.ts)
 * share. Bounded like the job: starts created within the rule's window plus LOOKBACK_HOURS.
 */
export function lateKeysSql(rule: SlaRuleRow, now: Date): Prisma.Sql {
  const deadline = new Date(now.getTime() - rule.withinMinutes * 60_000);
  const earliest = new Date(deadline.getTime() - LOOKBACK_HOURS * 3_600_000);
  const startFlow = rule.startFlowId ?? rule.expectFlowId;
  // With a start flow the clock is its completion; without, the expected transaction's creation.
  const clock = rule.startFlowId ? Prisma.sql`s.completed_at` : Prisma.sql`s.created_at`;
  const started = rule.startFlowId
    ? Prisma.sql`s.status = 'completed' AND s.completed_at < ${deadline}::timestamptz`
    : Prisma.sql`s.status NOT IN ${SETTLED} AND s.created_at < ${deadline}::timestamptz`;
  // DISTINCT ON: a key with several start transactions (an update after the payment) is one
  // late key, timed from its first start.
  return Prisma.sql`
    SELECT DISTINCT ON (s.business_key) s.business_key, s.id, ${clock} AS clock,
      ${clock} + make_interval(mins => ${rule.withinMinutes}::int) AS due_at
    FROM transactions s
    WHERE s.tenant_id = ${rule.tenantId}::uuid AND s.flow_id = ${startFlow}::uuid
      AND s.created_at >= ${earliest}::timestamptz AND ${started}
      AND NOT ${settledSql(rule, Prisma.sql`s.business_key`)}
    ORDER BY s.business_key, ${clock}, s.id`;
}

export async function raiseBreaches(
  db: Db,
  rule: SlaRuleRow,
  now: Date,
  limit: number,
): Promise<number> {
  return db.$executeRaw`
    INSERT INTO sla_breaches (id, tenant_id, rule_id, business_key, started_by_id, due_at, breached_at)
    SELECT gen_random_uuid(), ${rule.tenantId}::uuid, ${rule.id}::uuid, c.business_key, c.id,
      c.due_at, ${now}::timestamptz
    FROM (${lateKeysSql(rule, now)}) c
    WHERE NOT EXISTS (SELECT 1 FROM sla_breaches b
      WHERE b.rule_id = ${rule.id}::uuid AND b.business_key = c.business_key)
    LIMIT ${limit}
    ON CONFLICT (rule_id, business_key) DO NOTHING`;
}

export async function clearBreaches(
  db: Db,
  rule: SlaRuleRow,
  now: Date,
  limit: number,
): Promise<number> {
  return db.$executeRaw`
    UPDATE sla_breaches SET cleared_at = ${now}::timestamptz
    WHERE id IN (
      SELECT b.id FROM sla_breaches b
      WHERE b.tenant_id = ${rule.tenantId}::uuid AND b.rule_id = ${rule.id}::uuid
        AND b.cleared_at IS NULL AND ${settledSql(rule, Prisma.sql`b.business_key`)}
      LIMIT ${limit}
    )`;
}
