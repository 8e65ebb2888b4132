// GET /api/v1/reconciliation/runs/{id}?kind=&state=&cursor=&limit= — a run and one page of its
// drift items. Another tenant's run answers 404.
import { api } from '@/lib/http/api-catalog';
import { defineRoute } from '@/lib/http/route';
import { getReconciliationRun } from '@/lib/reconciliation/runs.presenter';

export const GET = defineRoute(
  api('GET /api/v1/reconciliation/runs/{id}'),
  ({ actor, ctx, params, query }) =>
    getReconciliationRun(ctx.readDb, actor.tenantId, params.id, query),
);
