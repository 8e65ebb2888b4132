// GET /api/v1/audit/export?<the screen's filters> — the whole filtered log as CSV, streamed page by
// page. The export is recorded in the audit log (with its filter) before the first byte.
import { AUDIT_API } from '@/lib/audit/audit-api';
import { startAuditExport } from '@/lib/audit/export-audit';
import { operatorOf } from '@/lib/base/actor';
import { defineRoute } from '@/lib/http/route';
import { csvStream } from '@/lib/ledger/transaction-export';

export const GET = defineRoute(
  AUDIT_API['GET /api/v1/audit/export'],
  async ({ actor, ctx, query, requestId }) => {
    const { cursor: _cursor, limit: _limit, ...filter } = query;
    const { filename, chunks } = await startAuditExport(ctx.db, actor.tenantId, {
      filter,
      actor: operatorOf(actor),
      requestId,
    });
    ctx.log.info({ tenantId: actor.tenantId, userId: actor.userId, filter }, 'audit export');
    return new Response(csvStream(chunks), {
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="${filename}"`,
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
      },
    });
  },
);
