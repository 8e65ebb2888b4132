// POST /api/v1/replay-preflights/{id}/cancel — what it found so far stays usable.
import { cancelReplayPreflight } from '@/lib/engine/replay-preflight';
import { AppError } from '@/lib/errors';
import { api } from '@/lib/http/api-catalog';
import { defineRoute } from '@/lib/http/route';

export const POST = defineRoute(
  api('POST /api/v1/replay-preflights/{id}/cancel'),
  async ({ actor, ctx, params, operator, audit }) => {
    const outcome = await cancelReplayPreflight(ctx.db, actor.tenantId, params.id, {
      actor: operator,
      audit,
    });
    if (outcome === 'not_found') throw new AppError('NOT_FOUND', 'no such replay pre-flight');
    if (outcome === 'finished')
      throw new AppError('CONFLICT', 'this pre-flight has already finished');
    return { id: params.id, status: 'cancelled' as const };
  },
);
