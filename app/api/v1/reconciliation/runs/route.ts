// GET /api/v1/reconciliation/runs — recent runs with progress and finance totals.
// POST /api/v1/reconciliation/runs { flowId, windowFrom, windowTo } — force a run; the worker
// runs it in chunks and the answer is its id (202).
import { AppError } from '@/lib/errors';
import { api } from '@/lib/http/api-catalog';
import { defineRoute } from '@/lib/http/route';
import { launchReconciliationRun } from '@/lib/reconciliation/launch-run';
import { listReconciliationRuns } from '@/lib/reconciliation/runs.presenter';

export const GET = defineRoute(api('GET /api/v1/reconciliation/runs'), ({ actor, ctx, query }) =>
  listReconciliationRuns(ctx.db, actor.tenantId, {
    limit: query.limit,
    ...(query.flowId && { flowId: query.flowId }),
  }),
);

export const POST = defineRoute(
  api('POST /api/v1/reconciliation/runs'),
  async ({ actor, ctx, body, operator, audit }) => {
    const launched = await launchReconciliationRun(ctx, actor.tenantId, {
      ...body,
      trigger: 'api',
      actor: operator,
      audit,
    });
    if (launched.kind === 'queue_unavailable')
      throw new AppError('UNAVAILABLE', 'the worker queue is unavailable; no run was started');
    return Response.json({ runId: launched.runId }, { status: 202 });
  },
);
