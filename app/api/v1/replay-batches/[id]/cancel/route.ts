// POST /api/v1/replay-batches/{id}/cancel — what was replayed stays replayed; no more will be.
import { cancelReplayBatch } from '@/lib/engine/replay-batch';
import { AppError } from '@/lib/errors';
import { api } from '@/lib/http/api-catalog';
import { defineRoute } from '@/lib/http/route';

export const POST = defineRoute(
  api('POST /api/v1/replay-batches/{id}/cancel'),
  async ({ actor, ctx, params, operator, audit }) => {
    const outcome = await cancelReplayBatch(ctx.db, actor.tenantId, params.id, {
      actor: operator,
      audit,
    });
    if (outcome === 'not_found') throw new AppError('NOT_FOUND', 'no such replay batch');
    if (outcome === 'finished') throw new AppError('CONFLICT', 'this batch has already finished');
    return { id: params.id, status: 'cancelled' };
  },
);
