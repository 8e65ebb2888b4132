// POST /api/v1/connections/{id}/pause | resume — same use case as the console's toggle.
import { setConnectionPaused } from '@/lib/engine/pause';
import { wakeBestEffort } from '@/lib/engine/wake-best-effort';
import { notFound } from '@/lib/errors';
import { pauseIntentParams } from '@/lib/http/pause-intent';
import { defineRoute } from '@/lib/http/route';

export const POST = defineRoute(
  { permission: 'connections.pause', params: pauseIntentParams },
  async ({ actor, ctx, params }) => {
    const paused = params.intent === 'pause';
    const result = await setConnectionPaused(ctx.db, actor.tenantId, params.id, paused);
    if (!result.found) throw notFound('connection');
    if (!paused) await wakeBestEffort(ctx, actor.tenantId, [params.id]);
    return { id: params.id, status: paused ? 'paused' : 'active', ...result };
  },
);
