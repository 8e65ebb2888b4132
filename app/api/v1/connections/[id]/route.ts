// PATCH /api/v1/connections/{id} — same use case as the console's settings form.
import { updateConnection } from '@/lib/connections/update-connection';
import { api } from '@/lib/http/api-catalog';
import { defineRoute } from '@/lib/http/route';

export const PATCH = defineRoute(
  api('PATCH /api/v1/connections/{id}'),
  async ({ actor, ctx, params, body, operator, audit }) =>
    updateConnection(ctx.db, actor.tenantId, params.id, body, { actor: operator, audit }),
);
