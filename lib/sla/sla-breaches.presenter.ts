// Read model of open SLA breaches, one group per rule: the Overview's banner and the Error queues'
// "sla_breach" groups. Nothing failed for these orders; an expected step is late. Cleared
// breaches and those of disabled rules are left out. Uses the (tenant_id, cleared_at,
// breached_at DESC) index: open breaches are few, however long the history.
import type { Db } from '@/lib/db';

/** the class label breaches carry in the error queues and in alerts */
export const SLA_BREACH_CLASS = 'sla_breach';
/** business keys shown with a group, for the link to the orders */
export const SAMPLE_KEYS = 20;
const UNSETTLED = 'received,processing,waiting_retry,paused,needs_review,failed';

interface Row {
  rule_id: string;
  rule_name: string;
  within_minutes: number;
  expect_flow_id: string;
  expect_flow_name: string;
  open: number;
  first_at: Date;
  last_at: Date;
  oldest_due_at: Date;
  keys: string[];
}

export async function listOpenSlaBreaches(db: Db, tenantId: string) {
  const rows = await db.$queryRaw<Row[]>`
    SELECT r.id::text AS rule_id, r.name AS rule_name, r.within_minutes,
      r.expect_flow_id::text, f.name AS expect_flow_name,
      g.open, g.first_at, g.last_at, g.oldest_due_at, g.keys
    FROM (
      SELECT b.rule_id, count(*)::int AS open, min(b.breached_at) AS first_at,
        max(b.breached_at) AS last_at, min(b.due_at) AS oldest_due_at,
        (array_agg(b.business_key ORDER BY b.due_at, b.business_key))[1:${SAMPLE_KEYS}] AS keys
      FROM sla_breaches b
      WHERE b.tenant_id = ${tenantId}::uuid AND b.cleared_at IS NULL
      GROUP BY b.rule_id
    ) g
    JOIN sla_rules r ON r.id = g.rule_id AND r.tenant_id = ${tenantId}::uuid AND r.enabled
    JOIN flows f ON f.id = r.expect_flow_id AND f.tenant_id = ${tenantId}::uuid
    ORDER BY g.open DESC, r.name`;
  const groups = rows.map((r) => ({
    key: `sla:${r.rule_id}`,
    ruleId: r.rule_id,
    ruleName: r.rule_name,
    withinMinutes: r.within_minutes,
    expectFlowId: r.expect_flow_id,
    expectFlowName: r.expect_flow_name,
    errorClass: SLA_BREACH_CLASS,
    open: r.open,
    firstSeen: r.first_at.toISOString(),
    lastSeen: r.last_at.toISOString(),
    oldestDueAt: r.oldest_due_at.toISOString(),
    businessKeys: r.keys,
    /** the orders of this group in the transactions screen (its search takes a business key) */
    ordersPath: ordersPathOf(r.expect_flow_id, r.keys),
    summary: breachSummary(r.open, r.rule_name, r.within_minutes),
  }));
  return { groups, total: groups.reduce((sum, g) => sum + g.open, 0) };
}

export type OpenSlaBreaches = Awaited<ReturnType<typeof listOpenSlaBreaches>>;
export type SlaBreachGroup = OpenSlaBreaches['groups'][number];

/** "3 orders past their SLA: warehouse acknowledgement within 30 min" */
export function breachSummary(open: number, ruleName: string, withinMinutes: number): string {
  const orders = open === 1 ? '1 order' : `${open} orders`;
  return `${orders} past their SLA: ${ruleName} within ${formatMinutes(withinMinutes)}`;
}

export function formatMinutes(minutes: number): string {
  if (minutes < 60 || minutes % 60 !== 0) return `${minutes} min`;
  const hours = minutes / 60;
  return hours === 1 ? '1 hour' : `${hours} hours`;
}

function ordersPathOf(flowId: string, keys: string[]): string {
  // The flow's unsettled transactions: a single key narrows to that order.
  const params = new URLSearchParams({ flowId, status: UNSETTLED });
  if (keys.length === 1 && keys[0]) params.set('q', keys[0]);
  return `/transactions?${params.toString()}`;
}
