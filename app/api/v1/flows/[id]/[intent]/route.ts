// POST /api/v1/flows/{id}/pause | resume — same use case as the console's toggle.
import { setFlowPaused } from '@/lib/engine/pause';
import { wakeBestEffort } from '@/lib/engine/wake-best-effort';
import { notFound } from '@/lib/errors';
import { pauseIntentParams } from '@/lib/http/pause-intent';
import { defineRoute } from '@/lib/http/route';

export const POST = defineRoute(
  { permission: 'flows.pause', params: pauseIntentParams },
  async ({ actor, ctx, params }) => {
    const paused = params.intent === 'pause';
    const { targetConnectionId, ...result } = await setFlowPaused(
      ctx.db,
      actor.tenantId,
      params.id,
      paused,
    );
    if (!result.found) throw notFound('flow');
    if (!paused && targetConnectionId)
      await wakeBestEffort(ctx, actor.tenantId, [targetConnectionId]);
    return { id: params.id, status: paused ? 'paused' : 'active', ...result };
  },
);
