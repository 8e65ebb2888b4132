// POST /api/v1/flows/{id}/pause | resume — same use case as the console's toggle;
// a pause needs { reason } (422 without one).
import { setFlowPaused } from '@/lib/engine/pause';
import { notFound } from '@/lib/errors';
import { api } from '@/lib/http/api-catalog';
import { defineRoute } from '@/lib/http/route';

export const POST = defineRoute(
  api('POST /api/v1/flows/{id}/{intent}'),
  async ({ actor, ctx, params, body, operator, audit }) => {
    const paused = params.intent === 'pause';
    // the target connection is internal: the answer says what happened to the flow
    const { targetConnectionId: _target, ...result } = await setFlowPaused(
      ctx.db,
      actor.tenantId,
      params.id,
      paused,
      {
        actor: operator,
        reason: body.reason,
        wake: ctx.wake,
        audit,
      },
    );
    if (!result.found) throw notFound('flow');
    return { id: params.id, status: paused ? 'paused' : 'active', ...result };
  },
);
