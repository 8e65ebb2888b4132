// GET /api/v1/replay-batches — recent batches with progress.
// POST /api/v1/replay-batches { filter, reason } — preview-free start (the API caller is expected
// to have counted with ?preview); answers the batch id and how many it will replay.
import { z } from 'zod';
import { launchReplayBatch } from '@/lib/engine/launch-replay-batch';
import { replayReasonSchema } from '@/lib/engine/replay';
import { previewReplay, replayFilterSchema } from '@/lib/engine/replay-batch';
import { listReplayBatches } from '@/lib/engine/replay-batches.presenter';
import { AppError } from '@/lib/errors';
import { defineRoute } from '@/lib/http/route';

export const GET = defineRoute({ permission: 'transactions.replay' }, async ({ actor, ctx }) => {
  const { batches } = await listReplayBatches(ctx.db, actor.tenantId, { limit: 50 });
  return { batches };
});

const startBody = z.object({
  filter: replayFilterSchema,
  reason: replayReasonSchema.max(500),
  /** true: only count what the filter matches now, start nothing */
  preview: z.boolean().default(false),
});

export const POST = defineRoute(
  { permission: 'transactions.replay', body: startBody },
  async ({ actor, ctx, body }) => {
    if (body.preview) return { matches: await previewReplay(ctx.db, actor.tenantId, body.filter) };
    const launched = await launchReplayBatch(ctx, actor.tenantId, {
      filter: body.filter,
      actor: { id: actor.userId, label: actor.name },
      reason: body.reason,
    });
    if (launched.kind === 'queue_unavailable')
      throw new AppError('UNAVAILABLE', 'the worker queue is unavailable; nothing was replayed');
    return Response.json(launched, { status: 202 });
  },
);
