// POST /api/v1/connections/{id}/pause | resume — same use case as the console's toggle;
// a pause needs { reason } (422 without one).
import { setConnectionPaused } from '@/lib/engine/pause';
import { notFound } from '@/lib/errors';
import { api } from '@/lib/http/api-catalog';
import { defineRoute } from '@/lib/http/route';

export const POST = defineRoute(
  api('POST /api/v1/connections/{id}/{intent}'),
  async ({ actor, ctx, params, body, operator, audit }) => {
    const paused = params.intent === 'pause';
    const result = await setConnectionPaused(ctx.db, actor.tenantId, params.id, paused, {
      actor: operator,
      reason: body.reason,
      wake: ctx.wake,
      audit,
    });
    if (!result.found) throw notFound('connection');
    return { id: params.id, status: paused ? 'paused' : 'active', ...result };
  },
);
