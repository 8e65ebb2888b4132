// The SLA rules table's read model: every rule of the tenant with its flows named, and how many of
// its breaches are open right now (the ones the overview and the error queues show).
import { tenantDb, type Db } from '@/lib/db';

export interface SlaRuleRow {
  id: string;
  name: string;
  startFlow: { id: string; name: string } | null;
  expectFlow: { id: string; name: string };
  withinMinutes: number;
  enabled: boolean;
  openBreaches: number;
  createdAt: string;
}

export interface FlowChoice {
  id: string;
  name: string;
}

export async function listSlaRules(
  db: Db,
  tenantId: string,
): Promise<{ rules: SlaRuleRow[]; flows: FlowChoice[] }> {
  const scoped = tenantDb(db, tenantId);
  const [rules, flows, open] = await Promise.all([
    scoped.slaRule.findMany({
      orderBy: { createdAt: 'asc' },
      take: 500,
      select: {
        id: true,
        name: true,
        startFlowId: true,
        expectFlowId: true,
        withinMinutes: true,
        enabled: true,
        createdAt: true,
      },
    }),
    scoped.flow.findMany({ orderBy: { name: 'asc' }, select: { id: true, name: true } }),
    scoped.slaBreach.groupBy({
      by: ['ruleId'],
      where: { clearedAt: null },
      _count: { _all: true },
    }),
  ]);
  const flowOf = new Map(flows.map((f) => [f.id, f]));
  const openOf = new Map(open.map((g) => [g.ruleId, g._count._all]));
  const named = (id: string) => flowOf.get(id) ?? { id, name: 'a deleted flow' };
  return {
    rules: rules.map((r) => ({
      id: r.id,
      name: r.name,
      startFlow: r.startFlowId ? named(r.startFlowId) : null,
      expectFlow: named(r.expectFlowId),
      withinMinutes: r.withinMinutes,
      enabled: r.enabled,
      openBreaches: openOf.get(r.id) ?? 0,
      createdAt: r.createdAt.toISOString(),
    })),
    flows,
  };
}
