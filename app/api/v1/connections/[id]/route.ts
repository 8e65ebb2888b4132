// GET /api/v1/connections/{id} — one connection as the list shows it (secrets only as set or not).
// PATCH /api/v1/connections/{id} — same use case as the console's settings form.
import { getConnection } from '@/lib/connections/connection-read.presenter';
import { updateConnection } from '@/lib/connections/update-connection';
import { api } from '@/lib/http/api-catalog';
import { defineRoute } from '@/lib/http/route';

export const GET = defineRoute(api('GET /api/v1/connections/{id}'), ({ actor, ctx, params }) =>
  getConnection(ctx.db, actor.tenantId, params.id),
);

export const PATCH = defineRoute(
  api('PATCH /api/v1/connections/{id}'),
  async ({ actor, ctx, params, body, operator, audit }) =>
    updateConnection(ctx.db, actor.tenantId, params.id, body, { actor: operator, audit }),
);
