// GET /api/v1/reconciliation/runs/{id}/export?kind&state — the run's drift items as CSV, streamed.
// The export is recorded in the audit log before the first byte.
import { operatorOf } from '@/lib/base/actor';
import { api } from '@/lib/http/api-catalog';
import { defineRoute } from '@/lib/http/route';
import { csvStream } from '@/lib/ledger/transaction-export';
import { startDriftExport } from '@/lib/reconciliation/export-drift';

export const GET = defineRoute(
  api('GET /api/v1/reconciliation/runs/{id}/export'),
  async ({ actor, ctx, params, query, requestId }) => {
    const { filename, chunks } = await startDriftExport(ctx.db, actor.tenantId, {
      runId: params.id,
      filter: {
        ...(query.kind && { kind: query.kind }),
        ...(query.state && { state: query.state }),
      },
      actor: operatorOf(actor),
      requestId,
    });
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
