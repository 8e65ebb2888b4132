// Finance's day-by-day view: for each flow and UTC day, the newest completed run whose window
// starts that day (the nightly run, or a forced re-run that replaced it), with its totals per
// system and how many of its drift items are still open. A day without a completed run is absent,
// not zero: "not checked" and "checked, all matched" must never look alike.
import { z } from 'zod';
import type { Db } from '@/lib/db';
import { readTotals, type RunTotals } from './totals';

const DAY_MS = 24 * 3600_000;
export const MAX_DAILY_DAYS = 92;

export const dailySummaryQuerySchema = z
  .object({
    from: z.iso.date().optional(),
    to: z.iso.date().optional(),
    flowId: z.uuid().optional(),
  })
  .transform((q, ctx) => {
    const to = q.to ? new Date(`${q.to}T00:00:00Z`) : startOfUtcDay(new Date());
    const from = q.from ? new Date(`${q.from}T00:00:00Z`) : new Date(to.getTime() - 13 * DAY_MS);
    if (from > to) {
      ctx.addIssue({ code: 'custom', path: ['from'], message: 'from must not be after to' });
      return z.NEVER;
    }
    if ((to.getTime() - from.getTime()) / DAY_MS >= MAX_DAILY_DAYS) {
      ctx.addIssue({ code: 'custom', path: ['from'], message: 'at most 92 days at a time' });
      return z.NEVER;
    }
    return { from, to, ...(q.flowId && { flowId: q.flowId }) };
  });
export type DailySummaryQuery = z.output<typeof dailySummaryQuerySchema>;

function startOfUtcDay(at: Date): Date {
  return new Date(Math.floor(at.getTime() / DAY_MS) * DAY_MS);
}

export interface DailyRow {
  day: string;
  flow: { id: string; key: string; name: string; systems: Record<string, string> };
  runId: string;
  listed: number;
  matched: number;
  drifted: number;
  openDrift: number;
  totals: RunTotals;
  finishedAt: string | null;
}

export async function dailyReconciliation(
  db: Db,
  tenantId: string,
  query: DailySummaryQuery,
): Promise<{ from: string; to: string; days: DailyRow[] }> {
  const untilExclusive = new Date(query.to.getTime() + DAY_MS);
  const rows = await db.$queryRaw<
    {
      day: string;
      run_id: string;
      flow_id: string;
      flow_key: string;
      flow_name: string;
      source_key: string;
      source_name: string;
      target_key: string;
      target_name: string;
      listed: number;
      matched: number;
      drifted: number;
      totals: unknown;
      finished_at: Date | null;
      open_drift: bigint;
    }[]
  >`
    SELECT to_char(r.day, 'YYYY-MM-DD') AS day, r.id::text AS run_id, r.flow_id::text, f.key AS flow_key, f.name AS flow_name,
           s.key AS source_key, s.name AS source_name, t.key AS target_key, t.name AS target_name,
           r.listed, r.matched, r.drifted, r.totals, r.finished_at,
           (SELECT count(*) FROM drift_items d
             WHERE d.tenant_id = r.tenant_id AND d.run_id = r.id AND d.state = 'open') AS open_drift
    FROM (
      SELECT DISTINCT ON (flow_id, date_trunc('day', window_from AT TIME ZONE 'UTC'))
             date_trunc('day', window_from AT TIME ZONE 'UTC') AS day, *
      FROM reconciliation_runs
      WHERE tenant_id = ${tenantId}::uuid AND status = 'completed'
        AND window_from >= ${query.from} AND window_from < ${untilExclusive}
        AND (${query.flowId ?? null}::uuid IS NULL OR flow_id = ${query.flowId ?? null}::uuid)
      ORDER BY flow_id, date_trunc('day', window_from AT TIME ZONE 'UTC'), created_at DESC
    ) r
    JOIN flows f ON f.id = r.flow_id AND f.tenant_id = r.tenant_id
    JOIN connections s ON s.id = f.source_connection_id
    JOIN connections t ON t.id = f.target_connection_id
    ORDER BY r.day DESC, f.key`;
  return {
    from: query.from.toISOString().slice(0, 10),
    to: query.to.toISOString().slice(0, 10),
    days: rows.map((r) => ({
      day: r.day,
      flow: {
        id: r.flow_id,
        key: r.flow_key,
        name: r.flow_name,
        systems: { [r.source_key]: r.source_name, [r.target_key]: r.target_name },
      },
      runId: r.run_id,
      listed: r.listed,
      matched: r.matched,
      drifted: r.drifted,
      openDrift: Number(r.open_drift),
      totals: readTotals(r.totals),
      finishedAt: r.finished_at?.toISOString() ?? null,
    })),
  };
}
