// POST /api/v1/connections/{id}/recovery — start a guided recovery of a paused connection (or one
// whose circuit is open): 201 with its id, or 200 with the active one started before.
// GET /api/v1/connections/{id}/recovery — its active recovery, else its latest.
import { notFound } from '@/lib/errors';
import { api } from '@/lib/http/api-catalog';
import { defineRoute } from '@/lib/http/route';
import { latestRecoveryOf } from '@/lib/recovery/recovery.presenter';
import { startRecovery } from '@/lib/recovery/start-recovery';

export const POST = defineRoute(
  api('POST /api/v1/connections/{id}/recovery'),
  async ({ actor, ctx, params, operator, audit }) => {
    const started = await startRecovery(ctx.db, actor.tenantId, params.id, {
      actor: operator,
      audit,
    });
    return Response.json(started, {
      status: started.created ? 201 : 200,
      headers: { 'cache-control': 'no-store' },
    });
  },
);

export const GET = defineRoute(
  api('GET /api/v1/connections/{id}/recovery'),
  async ({ actor, ctx, params }) => {
    const latest = await latestRecoveryOf(ctx.db, actor.tenantId, params.id);
    if (!latest) throw notFound('recovery of this connection');
    return latest;
  },
);
