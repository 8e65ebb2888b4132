// The overview's business checks (issue 21): every enabled SLA rule of the tenant is one —
// "paid orders in the warehouse within 30 minutes" — with how many keys are late right now (read
// live with the breach job's own definition, lateKeysSql, so the overview never waits for the
// job's next minute), the oldest of them, and the breaches recorded per bucket of the overview's
// window as its trend. Bounded: a rule reads at most a day of one flow (the job's look-back), the
// sample is a handful of keys, the trends one indexed read of sla_breaches for every rule.
import { tenantDb, type Db } from '@/lib/db';
import { lateKeysSql } from './check-slas';

export interface CheckWindow {
  from: Date;
  to: Date;
  stepMs: number;
  starts: Date[];
}

interface LateRow {
  business_key: string;
  id: string;
  clock: Date;
  due_at: Date;
  total: number;
}

export async function businessChecks(
  db: Db,
  tenantId: string,
  options: { now: Date; window: CheckWindow; sample?: number; ruleId?: string },
) {
  const { now, window } = options;
  const sample = options.sample ?? 5;
  const rules = await tenantDb(db, tenantId).slaRule.findMany({
    where: { enabled: true, ...(options.ruleId && { id: options.ruleId }) },
    orderBy: [{ name: 'asc' }, { id: 'asc' }],
    take: 50,
    select: { id: true, name: true, startFlowId: true, expectFlowId: true, withinMinutes: true },
  });
  const flowIds = [
    ...new Set(
      rules.flatMap((r) => (r.startFlowId ? [r.expectFlowId, r.startFlowId] : [r.expectFlowId])),
    ),
  ];
  const flows = flowIds.length
    ? await tenantDb(db, tenantId).flow.findMany({
        where: { id: { in: flowIds } },
        select: { id: true, name: true },
      })
    : [];
  const flowName = new Map(flows.map((f) => [f.id, f.name]));
  // every rule's trend in one grouped read (an overview refresh asks for it every 15 s)
  const trend = rules.length
    ? await db.$queryRaw<{ rule_id: string; bucket: number; n: number }[]>`
        SELECT b.rule_id::text, floor(extract(epoch FROM (b.breached_at - ${window.from}::timestamptz))
          * 1000 / ${window.stepMs})::int AS bucket, count(*)::int AS n
        FROM sla_breaches b
        WHERE b.tenant_id = ${tenantId}::uuid AND b.rule_id = ANY(${rules.map((r) => r.id)}::uuid[])
          AND b.breached_at >= ${window.from}::timestamptz
          AND b.breached_at <= ${window.to}::timestamptz
        GROUP BY 1, 2`
    : [];
  const trendOf = new Map<string, Map<number, number>>();
  for (const t of trend)
    trendOf.set(
      t.rule_id,
      (trendOf.get(t.rule_id) ?? new Map<number, number>()).set(t.bucket, t.n),
    );
  return Promise.all(
    rules.map(async (rule) => {
      const full = { ...rule, tenantId };
      const late = await db.$queryRaw<LateRow[]>`
        SELECT l.business_key, l.id::text, l.clock, l.due_at, count(*) OVER ()::int AS total
        FROM (${lateKeysSql(full, now)}) l
        ORDER BY l.due_at, l.business_key
        LIMIT ${sample}`;
      const perBucket = trendOf.get(rule.id) ?? new Map<number, number>();
      return {
        id: rule.id,
        name: rule.name,
        withinMinutes: rule.withinMinutes,
        startFlow: rule.startFlowId ? (flowName.get(rule.startFlowId) ?? null) : null,
        expectFlow: flowName.get(rule.expectFlowId) ?? '',
        late: late[0]?.total ?? 0,
        oldest: late.map((l) => ({
          businessKey: l.business_key,
          transactionId: l.id,
          startedAt: l.clock.toISOString(),
          dueAt: l.due_at.toISOString(),
        })),
        trend: window.starts.map((start, i) => ({
          start: start.toISOString(),
          breaches: perBucket.get(i) ?? 0,
        })),
      };
    }),
  );
}

export type BusinessCheck = Awaited<ReturnType<typeof businessChecks>>[number];
