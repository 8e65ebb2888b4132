// The whole filtered set as CSV, produced page by page (keyset, 1,000 rows a query), so an export
// of a million rows holds one page in memory and the first bytes leave before the last are read.
// Data leaving the console is audited: startTransactionsExport records who exported which filter
// before the first byte is produced (an export that then breaks off was still an export).
import { auditActorOf, recordAuditAlone, withoutEmails } from '@/lib/audit';
import type { Db, ReadDb } from '@/lib/db';
import type { AuditContext } from './operator-audit';
import type { Operator } from './operator';
import { csvFilename, csvHeader, csvRow } from './transaction-csv';
import type { TransactionFilter } from './transaction-filter';
import { listTransactions } from './transaction-list.presenter';

export const EXPORT_PAGE_SIZE = 1000;

export async function* exportTransactionsCsv(
  db: Db,
  tenantId: string,
  filter: Omit<TransactionFilter, 'cursor' | 'limit'>,
  options: { personalData: boolean; pageSize?: number; now?: Date },
): AsyncGenerator<string> {
  // Bounded by when the export started: oldest-first would otherwise chase rows arriving during
  // the export and never end. Newest-first starts above anything that arrives later anyway.
  const now = options.now ?? new Date();
  const to = filter.to && filter.to < now ? filter.to : now;
  // Emails are not exported (see transaction-csv.ts); personalData only decides whether the text
  // filter may match by email, exactly as on the screen the export was started from.
  const pageOptions = { personalData: options.personalData };
  yield csvHeader();
  let cursor: string | undefined;
  do {
    const page = await listTransactions(
      db,
      tenantId,
      { ...filter, to, cursor, limit: options.pageSize ?? EXPORT_PAGE_SIZE },
      pageOptions,
    );
    if (page.rows.length) yield page.rows.map(csvRow).join('');
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}

/** Records 'transactions.exported' (the filter, the file name) through `db`, then hands back the
 *  rows, read through `options.readDb` when given (a replica: the rows never include the audit
 *  entry just written, so they need not come from the primary), else `db`. */
export async function startTransactionsExport(
  db: Db,
  tenantId: string,
  filter: Omit<TransactionFilter, 'cursor' | 'limit'>,
  options: {
    personalData: boolean;
    now: Date;
    actor: Operator;
    audit?: AuditContext;
    readDb?: ReadDb;
  },
): Promise<AsyncGenerator<string>> {
  await recordAuditAlone(db, {
    tenantId,
    actor: auditActorOf(options.actor),
    requestId: options.audit?.requestId ?? null,
    event: {
      action: 'transactions.exported',
      objectType: 'export',
      objectId: csvFilename(options.now),
      // support searches by customer email; the audit log keeps the search without the address
      after: {
        filter: JSON.parse(
          JSON.stringify({ ...filter, ...(filter.q && { q: withoutEmails(filter.q) }) }),
        ) as Record<string, unknown>,
      },
    },
  });
  return exportTransactionsCsv(options.readDb ?? db, tenantId, filter, options);
}

/** The generator as a web stream of UTF-8 bytes; pulling drives the queries (backpressure). */
export function csvStream(chunks: AsyncGenerator<string>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
}
