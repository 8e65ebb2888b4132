// A run's drift grouped by pattern (kind, field, cause): one line per pattern with how many items
// and records it covers, how many are open and how many of those a replay can move (the bulk
// buttons' counts), and one example row. 874 items of one cause read as one line, not 874 rows.
import type { Db } from '@/lib/db';
import { REPLAYABLE } from '@/lib/engine/replay';
import { causeLabel, RECORD_CAUSES } from './drift-cause';
import type { DriftPattern } from './drift-selection';
import { KIND_WORDS } from './run-counts';

export interface PatternCounts {
  kind: string;
  field: string | null;
  cause: string | null;
  items: number;
  records: number;
  open: number;
  /** open items whose transaction a replay can move now */
  replayable: number;
  exampleId: string;
}

/** "Field mismatch on total: amount differs"; "Field mismatch: reference reissued to another order". */
export function patternTitle(p: { kind: string; field: string | null; cause: string | null }) {
  const [one] = KIND_WORDS[p.kind] ?? [p.kind];
  const kind = one.charAt(0).toUpperCase() + one.slice(1);
  const on = p.field ? ` on ${p.field}` : '';
  const why = causeLabel(p.cause);
  return why ? `${kind}${on}: ${why}` : `${kind}${on}`;
}

/** The selection a pattern's bulk buttons send (drift-selection.ts matches it the same way). */
export const patternOf = (p: PatternCounts): DriftPattern => ({ field: p.field, cause: p.cause });

/** Largest first, so the pattern that explains most of the drift is read first. */
export function sortPatterns<T extends { items: number; kind: string; field: string | null }>(
  patterns: readonly T[],
): T[] {
  return [...patterns].sort(
    (a, b) =>
      b.items - a.items ||
      a.kind.localeCompare(b.kind) ||
      (a.field ?? '').localeCompare(b.field ?? ''),
  );
}

const RECORD_CAUSE_LIST = [...RECORD_CAUSES];

export async function driftPatternsOf(db: Db, tenantId: string, runId: string) {
  // a record-level cause groups across fields (its field is left out of the key)
  const rows = await db.$queryRaw<
    {
      kind: string;
      field: string | null;
      cause: string | null;
      items: number;
      records: number;
      open: number;
      replayable: number;
      example_id: string;
    }[]
  >`
    SELECT d.kind::text AS kind,
           CASE WHEN d.cause = ANY(${RECORD_CAUSE_LIST}::text[]) THEN NULL ELSE d.field END AS field,
           d.cause,
           count(*)::int AS items,
           count(DISTINCT coalesce(d.transaction_id::text, d.provider_ref, d.business_key))::int AS records,
           (count(*) FILTER (WHERE d.state = 'open'))::int AS open,
           (count(*) FILTER (WHERE d.state = 'open'
              AND t.status::text = ANY(${[...REPLAYABLE]}::text[])))::int AS replayable,
           min(d.id::text) AS example_id
    FROM drift_items d
    LEFT JOIN transactions t ON t.id = d.transaction_id AND t.tenant_id = d.tenant_id
    WHERE d.tenant_id = ${tenantId}::uuid AND d.run_id = ${runId}::uuid
    GROUP BY 1, 2, 3`;
  const patterns: PatternCounts[] = rows.map((r) => ({
    kind: r.kind,
    field: r.field,
    cause: r.cause,
    items: r.items,
    records: r.records,
    open: r.open,
    replayable: r.replayable,
    exampleId: r.example_id,
  }));
  const examples = patterns.length
    ? await db.driftItem.findMany({
        where: { tenantId, runId, id: { in: patterns.map((p) => p.exampleId) } },
        select: {
          id: true,
          businessKey: true,
          field: true,
          ledgerValue: true,
          providerValue: true,
          amountMinor: true,
          currency: true,
          ledgerAmountMinor: true,
          ledgerCurrency: true,
        },
      })
    : [];
  const byId = new Map(
    examples.map((e) => [
      e.id,
      {
        ...e,
        amountMinor: e.amountMinor === null ? null : Number(e.amountMinor),
        ledgerAmountMinor: e.ledgerAmountMinor === null ? null : Number(e.ledgerAmountMinor),
      },
    ]),
  );
  return sortPatterns(patterns).map((p) => ({
    ...p,
    title: patternTitle(p),
    example: byId.get(p.exampleId) ?? null,
  }));
}
export type DriftPatterns = Awaited<ReturnType<typeof driftPatternsOf>>;

/** Items per kind, from the patterns (the counts sentence's breakdown). */
export function itemsByKind(patterns: readonly { kind: string; items: number }[]) {
  const out: Record<string, number> = {};
  for (const p of patterns) out[p.kind] = (out[p.kind] ?? 0) + p.items;
  return out;
}
