// GET /api/v1/replay-batches — recent batches with progress.
// POST /api/v1/replay-batches { filter, reason } — preview-free start (the API caller is expected
// to have counted with ?preview); answers the batch id and how many it will replay.
import { launchReplayBatch } from '@/lib/engine/launch-replay-batch';
import { previewReplay } from '@/lib/engine/replay-batch';
import { listReplayBatches } from '@/lib/engine/replay-batches.presenter';
import { AppError } from '@/lib/errors';
import { api } from '@/lib/http/api-catalog';
import { defineRoute } from '@/lib/http/route';

export const GET = defineRoute(api('GET /api/v1/replay-batches'), async ({ actor, ctx }) => {
  const { batches } = await listReplayBatches(ctx.db, actor.tenantId, { limit: 50 });
  return { batches };
});

export const POST = defineRoute(
  api('POST /api/v1/replay-batches'),
  async ({ actor, ctx, body, operator, audit }) => {
    if (body.preview) return { matches: await previewReplay(ctx.db, actor.tenantId, body.filter) };
    const launched = await launchReplayBatch(ctx, actor.tenantId, {
      filter: body.filter,
      actor: operator,
      reason: body.reason,
      audit,
      ...(body.preflightId && { preflightId: body.preflightId }),
    });
    if (launched.kind === 'queue_unavailable')
      throw new AppError('UNAVAILABLE', 'the worker queue is unavailable; nothing was replayed');
    return Response.json(launched, { status: 202 });
  },
);
