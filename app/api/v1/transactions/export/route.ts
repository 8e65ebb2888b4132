// GET /api/v1/transactions/export?<the screen's filters> — the whole filtered set as CSV, streamed
// page by page so a large export never sits in memory. Cursor and limit are ignored: an export is
// the whole set. Emails are left out (see lib/ledger/transaction-csv.ts).
import { defineRoute } from '@/lib/http/route';
import { csvFilename } from '@/lib/ledger/transaction-csv';
import { csvStream, exportTransactionsCsv } from '@/lib/ledger/transaction-export';
import { transactionFilterSchema } from '@/lib/ledger/transaction-filter';
import { actorCan } from '@/lib/auth/actor';

export const GET = defineRoute(
  { permission: 'exports.download', query: transactionFilterSchema },
  ({ actor, ctx, query }) => {
    const { cursor: _cursor, limit: _limit, ...filter } = query;
    const now = new Date();
    const chunks = exportTransactionsCsv(ctx.db, actor.tenantId, filter, {
      personalData: actorCan(actor, 'personal_data.read'),
      now,
    });
    ctx.log.info({ tenantId: actor.tenantId, userId: actor.userId, filter }, 'transactions export');
    // No await before the first byte: the stream's pulls run the queries as the client reads.
    const response = new Response(csvStream(chunks), {
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="${csvFilename(now)}"`,
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
      },
    });
    return Promise.resolve(response);
  },
);
