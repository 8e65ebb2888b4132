// EXPLAIN (ANALYZE, BUFFERS) of a captured statement: the server's own execution time, and whether
// the plan reads one of the large tables sequentially — at a million rows that is never fine for a
// console query, so the bench marks the line instead of trusting the timings alone.
import type pg from 'pg';
import type { CapturedStatement } from './sql-capture';

export const LARGE_TABLES = new Set(['transactions', 'timeline_entries', 'inbound_events']);

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

export interface PlanCheck {
  text: string;
  executionMs: number;
  planningMs: number;
  /** large tables read by a Seq Scan somewhere in the plan */
  seqScans: string[];
  /** indexes the plan uses */
  indexes: string[];
  plan: unknown;
}

function walk(node: PlanNode, visit: (n: PlanNode) => void): void {
  visit(node);
  for (const child of node.Plans ?? []) walk(child, visit);
}

export function inspectPlan(plan: PlanNode): { seqScans: string[]; indexes: string[] } {
  const seqScans = new Set<string>();
  const indexes = new Set<string>();
  walk(plan, (n) => {
    if (n['Node Type'] === 'Seq Scan' && n['Relation Name'] && LARGE_TABLES.has(n['Relation Name']))
      seqScans.add(n['Relation Name']);
    if (n['Index Name']) indexes.add(n['Index Name']);
  });
  return { seqScans: [...seqScans], indexes: [...indexes] };
}

/** Only reads are explained (EXPLAIN ANALYZE executes its statement). */
export function isExplainable(text: string): boolean {
  return /^\s*(select|with)\b/i.test(text) && !/\b(insert|update|delete)\b/i.test(text);
}

export async function explain(client: pg.Client, s: CapturedStatement): Promise<PlanCheck> {
  const { rows } = await client.query<{ 'QUERY PLAN': unknown }>(
    `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${s.text}`,
    s.values,
  );
  const [top] = rows[0]?.['QUERY PLAN'] as [
    { Plan: PlanNode; 'Execution Time': number; 'Planning Time': number },
  ];
  return {
    text: s.text,
    executionMs: top['Execution Time'],
    planningMs: top['Planning Time'],
    ...inspectPlan(top.Plan),
    plan: top.Plan,
  };
}
