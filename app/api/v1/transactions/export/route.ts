// GET /api/v1/transactions/export?<the screen's filters> — the whole filtered set as CSV, streamed
// page by page so a large export never sits in memory. Cursor and limit are ignored: an export is
// the whole set. Emails are left out (see lib/ledger/transaction-csv.ts). The export is recorded
// in the audit log (with its filter) before the first byte.
import { actorCan, operatorOf } from '@/lib/base/actor';
import { api } from '@/lib/http/api-catalog';
import { defineRoute } from '@/lib/http/route';
import { csvFilename } from '@/lib/ledger/transaction-csv';
import { csvStream, startTransactionsExport } from '@/lib/ledger/transaction-export';

export const GET = defineRoute(
  api('GET /api/v1/transactions/export'),
  async ({ actor, ctx, query, requestId }) => {
    const { cursor: _cursor, limit: _limit, ...filter } = query;
    const now = new Date();
    const chunks = await startTransactionsExport(ctx.db, actor.tenantId, filter, {
      personalData: actorCan(actor, 'personal_data.read'),
      now,
      actor: operatorOf(actor),
      audit: { requestId },
      readDb: ctx.readDb,
    });
    ctx.log.info({ tenantId: actor.tenantId, userId: actor.userId, filter }, 'transactions export');
    // The stream's pulls run the queries as the client reads.
    return new Response(csvStream(chunks), {
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="${csvFilename(now)}"`,
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
      },
    });
  },
);
