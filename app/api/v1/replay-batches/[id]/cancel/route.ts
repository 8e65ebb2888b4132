// POST /api/v1/replay-batches/{id}/cancel — what was replayed stays replayed; no more will be.
import { z } from 'zod';
import { cancelReplayBatch } from '@/lib/engine/replay-batch';
import { AppError } from '@/lib/errors';
import { defineRoute } from '@/lib/http/route';

export const POST = defineRoute(
  { permission: 'transactions.replay', params: z.object({ id: z.uuid('unknown batch') }) },
  async ({ actor, ctx, params }) => {
    const cancelled = await cancelReplayBatch(ctx.db, actor.tenantId, params.id);
    if (!cancelled) throw new AppError('CONFLICT', 'this batch is not running (or does not exist)');
    return { id: params.id, status: 'cancelled' };
  },
);
