// GET /api/v1/flows/{id} — one flow in full, to read back what POST or PATCH wrote.
// PATCH /api/v1/flows/{id} — change some fields of a flow (a retired one comes back this way).
// DELETE /api/v1/flows/{id} — delete a flow that never had a transaction.
import { deleteFlow } from '@/lib/flows/delete-flow';
import { getFlow } from '@/lib/flows/flow-read.presenter';
import { patchFlow } from '@/lib/flows/update-flow';
import { api } from '@/lib/http/api-catalog';
import { defineRoute } from '@/lib/http/route';

export const GET = defineRoute(api('GET /api/v1/flows/{id}'), ({ actor, ctx, params }) =>
  getFlow(ctx.db, actor.tenantId, params.id),
);

export const PATCH = defineRoute(
  api('PATCH /api/v1/flows/{id}'),
  ({ actor, ctx, params, body, requestId }) =>
    patchFlow(ctx.db, actor.tenantId, params.id, body, { actor, requestId, wake: ctx.wake }),
);

export const DELETE = defineRoute(
  api('DELETE /api/v1/flows/{id}'),
  ({ actor, ctx, params, requestId }) =>
    deleteFlow(ctx.db, actor.tenantId, params.id, { actor, requestId }),
);
