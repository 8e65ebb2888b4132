// POST /api/v1/recoveries/{id}/reconcile — one reconciliation run per reconcilable flow over the
// outage window (202: the worker runs them); 409 out of turn. Runs the queue could not take are
// counted in the answer (notQueued): the step is taken either way.
import { api } from '@/lib/http/api-catalog';
import { defineRoute } from '@/lib/http/route';
import { reconcileOutageWindow } from '@/lib/recovery/reconcile-and-finish';

export const POST = defineRoute(
  api('POST /api/v1/recoveries/{id}/reconcile'),
  async ({ actor, ctx, params, operator, audit }) =>
    Response.json(
      await reconcileOutageWindow(ctx, actor.tenantId, params.id, { actor: operator, audit }),
      { status: 202, headers: { 'cache-control': 'no-store' } },
    ),
);
