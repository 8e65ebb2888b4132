// GET /api/v1/connections — configuration of every connection (secrets only as set or not).
// POST /api/v1/connections — create one; same use case as the console's form.
import { listConnectionConfigs } from '@/lib/connections/connection-config.presenter';
import { createConnection } from '@/lib/connections/create-connection';
import { api } from '@/lib/http/api-catalog';
import { defineRoute } from '@/lib/http/route';

export const GET = defineRoute(api('GET /api/v1/connections'), async ({ actor, ctx }) => ({
  connections: await listConnectionConfigs(ctx.db, actor.tenantId),
}));

export const POST = defineRoute(
  api('POST /api/v1/connections'),
  async ({ actor, ctx, body, operator, audit }) =>
    Response.json(
      await createConnection(ctx.db, actor.tenantId, body, {
        actor: operator,
        audit,
        keyRing: ctx.keyRing,
      }),
      { status: 201 },
    ),
);
