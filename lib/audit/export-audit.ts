// Exporting the audit log is itself audited: 'audit.exported' (with the filter) is written before
// the first byte, so an export that breaks off half-way was still an export. The file then holds
// the filtered entries up to and including that one, newest first, 1,000 rows a query, so a large
// log never sits in memory and entries written meanwhile do not join the file.
import type { Db } from '@/lib/db';
import { auditCsvFilename, auditCsvHeader, auditCsvRow } from './audit-csv';
import type { AuditFilter } from './audit-filter';
import { listAuditEntries } from './audit-list.presenter';
import { auditActorOf } from './events';
import { recordAuditAlone } from './record';

export const AUDIT_EXPORT_PAGE_SIZE = 1000;

export type AuditExportFilter = Omit<AuditFilter, 'cursor' | 'limit'>;

/** The filter as it is recorded: plain JSON, only what was set. */
function describeFilter(filter: AuditExportFilter): Record<string, unknown> {
  return JSON.parse(JSON.stringify(filter)) as Record<string, unknown>;
}

export async function* auditCsvChunks(
  db: Db,
  tenantId: string,
  filter: AuditExportFilter & { maxSeq?: number },
  pageSize = AUDIT_EXPORT_PAGE_SIZE,
): AsyncGenerator<string> {
  yield auditCsvHeader();
  let cursor: string | undefined;
  do {
    const page = await listAuditEntries(db, tenantId, { ...filter, cursor }, pageSize);
    if (page.entries.length) yield page.entries.map(auditCsvRow).join('');
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}

export async function startAuditExport(
  db: Db,
  tenantId: string,
  input: {
    filter: AuditExportFilter;
    actor: { id: string; label: string };
    requestId?: string | null;
    now?: Date;
    pageSize?: number;
  },
): Promise<{ filename: string; chunks: AsyncGenerator<string> }> {
  const now = input.now ?? new Date();
  const filename = auditCsvFilename(now);
  const recorded = await recordAuditAlone(db, {
    tenantId,
    actor: auditActorOf(input.actor),
    requestId: input.requestId ?? null,
    event: {
      action: 'audit.exported',
      objectType: 'export',
      objectId: filename,
      after: { filter: describeFilter(input.filter) },
    },
    at: now,
  });
  return {
    filename,
    chunks: auditCsvChunks(db, tenantId, { ...input.filter, maxSeq: recorded.seq }, input.pageSize),
  };
}
