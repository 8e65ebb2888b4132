// Read models of reconciliation runs for the API (and the console screen, which another change
// builds on the same functions): recent runs with progress and totals, and one run with a keyset
// page of its drift items filtered by kind and state.
import { z } from 'zod';
import type { Db } from '@/lib/db';
import { notFound } from '@/lib/errors';
import { causeLabel } from './drift-cause';
import { driftPatternsOf, itemsByKind } from './drift-patterns.presenter';
import { countsSentence, runCounts } from './run-counts';
import { moneyRows, readTotals } from './totals';
import { windowState } from './window-state';

const KINDS = [
  'missing_in_ledger',
  'missing_in_target',
  'status_mismatch',
  'field_mismatch',
] as const;
const STATES = ['open', 'backfilled', 'replayed', 'accepted'] as const;

export const driftItemFilterSchema = z.object({
  kind: z.enum(KINDS).optional(),
  state: z.enum(STATES).optional(),
  /** the last item id of the previous page */
  cursor: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type DriftItemFilter = z.infer<typeof driftItemFilterSchema>;

const runSelect = {
  id: true,
  flowId: true,
  windowFrom: true,
  windowTo: true,
  trigger: true,
  requestedBy: true,
  status: true,
  listed: true,
  matched: true,
  drifted: true,
  listingMs: true,
  comparingMs: true,
  totals: true,
  error: true,
  createdAt: true,
  finishedAt: true,
} as const;

export async function listReconciliationRuns(
  db: Db,
  tenantId: string,
  input: { flowId?: string; limit: number },
) {
  const runs = await db.reconciliationRun.findMany({
    where: { tenantId, ...(input.flowId && { flowId: input.flowId }) },
    orderBy: { createdAt: 'desc' },
    take: input.limit,
    select: runSelect,
  });
  const flows = await flowNames(
    db,
    tenantId,
    runs.map((r) => r.flowId),
  );
  return { runs: runs.map((r) => ({ ...r, flow: flows.get(r.flowId) ?? null })) };
}

/** Runs keep the flow's id only (no relation): its key, name and systems for people to read. */
async function flowNames(db: Db, tenantId: string, ids: readonly string[]) {
  const flows = await db.flow.findMany({
    where: { tenantId, id: { in: [...new Set(ids)] } },
    select: {
      id: true,
      key: true,
      name: true,
      sourceConnection: { select: { key: true, name: true } },
      targetConnection: { select: { key: true, name: true } },
    },
  });
  return new Map(
    flows.map((f) => [
      f.id,
      {
        key: f.key,
        name: f.name,
        // run totals are keyed by connection key; these are the names people know them by
        systems: {
          [f.sourceConnection.key]: f.sourceConnection.name,
          [f.targetConnection.key]: f.targetConnection.name,
        },
      },
    ]),
  );
}
export type ReconciliationRunList = Awaited<ReturnType<typeof listReconciliationRuns>>;

export async function getReconciliationRun(
  db: Db,
  tenantId: string,
  runId: string,
  filter: DriftItemFilter,
) {
  const run = await db.reconciliationRun.findFirst({
    where: { id: runId, tenantId },
    select: runSelect,
  });
  if (!run) throw notFound('reconciliation run');
  const flow = (await flowNames(db, tenantId, [run.flowId])).get(run.flowId) ?? null;
  const rows = await db.driftItem.findMany({
    where: {
      tenantId,
      runId,
      ...(filter.kind && { kind: filter.kind }),
      ...(filter.state && { state: filter.state }),
      ...(filter.cursor && { id: { gt: filter.cursor } }),
    },
    orderBy: { id: 'asc' },
    take: filter.limit + 1,
    select: {
      id: true,
      kind: true,
      state: true,
      businessKey: true,
      providerRef: true,
      transactionId: true,
      field: true,
      ledgerValue: true,
      providerValue: true,
      owner: true,
      amountMinor: true,
      currency: true,
      ledgerAmountMinor: true,
      ledgerCurrency: true,
      cause: true,
      decidedBy: true,
      decidedAt: true,
      note: true,
      createdAt: true,
    },
  });
  const page = rows.slice(0, filter.limit);
  const txnIds = page.flatMap((i) => (i.transactionId ? [i.transactionId] : []));
  // what each item's transaction is now: a replay is offered only where it can move it
  const statuses = new Map(
    (
      await db.transaction.findMany({
        where: { tenantId, id: { in: txnIds } },
        select: { id: true, status: true },
      })
    ).map((t) => [t.id, t.status]),
  );
  return {
    run: { ...run, flow },
    summary: await runSummaryOf(db, tenantId, { ...run, flow }),
    // amounts in minor units as numbers: a single record's money fits a double exactly
    items: page.map((i) => ({
      ...i,
      amountMinor: i.amountMinor === null ? null : Number(i.amountMinor),
      ledgerAmountMinor: i.ledgerAmountMinor === null ? null : Number(i.ledgerAmountMinor),
      causeLabel: causeLabel(i.cause),
      transactionStatus: (i.transactionId && statuses.get(i.transactionId)) || null,
    })),
    nextCursor: rows.length > filter.limit ? (page.at(-1)?.id ?? null) : null,
  };
}
export type ReconciliationRunDetail = Awaited<ReturnType<typeof getReconciliationRun>>;

/**
 * What finance reads first: ledger, provider and difference per system and currency; counts that
 * add up, with the sentence relating them; drift grouped by pattern; whether the window was
 * complete when the run read it.
 */
async function runSummaryOf(
  db: Db,
  tenantId: string,
  run: {
    id: string;
    totals: unknown;
    windowTo: Date;
    createdAt: Date;
    finishedAt: Date | null;
    flow: { systems: Record<string, string> } | null;
  },
  now = new Date(),
) {
  const totals = readTotals(run.totals);
  const patterns = await driftPatternsOf(db, tenantId, run.id);
  const counts = runCounts(totals, itemsByKind(patterns));
  return {
    money: moneyRows(totals),
    counts,
    countsText: countsSentence(counts, run.flow?.systems),
    patterns,
    window: windowState(run, now),
  };
}

/** Items of a run per kind and state: the run page's summary and its bulk buttons' counts. */
export async function driftCountsOf(db: Db, tenantId: string, runId: string) {
  const groups = await db.driftItem.groupBy({
    by: ['kind', 'state'],
    where: { tenantId, runId },
    _count: { _all: true },
  });
  return groups.map((g) => ({ kind: g.kind, state: g.state, count: g._count._all }));
}
export type DriftCounts = Awaited<ReturnType<typeof driftCountsOf>>;
