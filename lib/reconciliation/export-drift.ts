// Exporting a run's drift report is audited like every export: 'reconciliation.exported' (run,
// filter) is written before the first byte. Items stream 1,000 per query in id order, so a month
// with many items never sits in memory, and the file is the run's items as of the export,
// followed by the run's totals per system and currency (ledger, provider, difference).
import { auditActorOf, recordAuditAlone } from '@/lib/audit';
import type { Db, DriftKind, DriftState } from '@/lib/db';
import { notFound } from '@/lib/errors';
import {
  driftCsvFilename,
  driftCsvHeader,
  driftCsvRow,
  driftCsvTotals,
  type DriftCsvRun,
} from './drift-csv';
import { moneyRows, readTotals, type RunTotals } from './totals';

export const DRIFT_EXPORT_PAGE_SIZE = 1000;

export interface DriftExportFilter {
  kind?: DriftKind;
  state?: DriftState;
}

async function* driftCsvChunks(
  db: Db,
  tenantId: string,
  run: DriftCsvRun,
  filter: DriftExportFilter,
  pageSize: number,
  totals: { totals: RunTotals; names: Record<string, string> },
): AsyncGenerator<string> {
  yield driftCsvHeader();
  let cursor: string | undefined;
  for (;;) {
    const items = await db.driftItem.findMany({
      where: {
        tenantId,
        runId: run.id,
        ...(filter.kind && { kind: filter.kind }),
        ...(filter.state && { state: filter.state }),
        ...(cursor && { id: { gt: cursor } }),
      },
      orderBy: { id: 'asc' },
      take: pageSize,
      omit: { providerRecord: true, tenantId: true, runId: true, flowId: true },
    });
    if (items.length) yield items.map((item) => driftCsvRow(run, item)).join('');
    if (items.length < pageSize) break;
    cursor = items.at(-1)?.id;
  }
  yield driftCsvTotals(moneyRows(totals.totals), totals.names);
}

export async function startDriftExport(
  db: Db,
  tenantId: string,
  input: {
    runId: string;
    filter: DriftExportFilter;
    actor: { id: string; label: string };
    requestId?: string | null;
    pageSize?: number;
  },
): Promise<{ filename: string; chunks: AsyncGenerator<string> }> {
  const found = await db.reconciliationRun.findFirst({
    where: { id: input.runId, tenantId },
    select: { id: true, flowId: true, windowFrom: true, windowTo: true, totals: true },
  });
  if (!found) throw notFound('reconciliation run');
  const flow = await db.flow.findFirst({
    where: { id: found.flowId, tenantId },
    select: {
      key: true,
      sourceConnection: { select: { key: true, name: true } },
      targetConnection: { select: { key: true, name: true } },
    },
  });
  const run: DriftCsvRun = {
    id: found.id,
    windowFrom: found.windowFrom,
    windowTo: found.windowTo,
    flowKey: flow?.key ?? 'deleted-flow',
  };
  const names: Record<string, string> = flow
    ? {
        [flow.sourceConnection.key]: flow.sourceConnection.name,
        [flow.targetConnection.key]: flow.targetConnection.name,
      }
    : {};
  const filename = driftCsvFilename(run);
  await recordAuditAlone(db, {
    tenantId,
    actor: auditActorOf(input.actor),
    requestId: input.requestId ?? null,
    event: {
      action: 'reconciliation.exported',
      objectType: 'export',
      objectId: filename,
      after: { runId: run.id, flow: run.flowKey, ...input.filter },
    },
  });
  return {
    filename,
    chunks: driftCsvChunks(
      db,
      tenantId,
      run,
      input.filter,
      input.pageSize ?? DRIFT_EXPORT_PAGE_SIZE,
      { totals: readTotals(found.totals), names },
    ),
  };
}
