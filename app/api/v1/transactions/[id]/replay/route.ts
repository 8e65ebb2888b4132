// POST /api/v1/transactions/{id}/replay { reason } — the console's Replay: through dispatch again
// with the same idempotency key; the reason goes on the timeline with the caller's name.
import { z } from 'zod';
import { replayOne, replayReasonSchema } from '@/lib/engine/replay';
import { wakeBestEffort } from '@/lib/engine/wake-best-effort';
import { AppError, notFound } from '@/lib/errors';
import { defineRoute } from '@/lib/http/route';
import { statusWords } from '@/lib/ledger/single-outcome';

export const POST = defineRoute(
  {
    permission: 'transactions.replay',
    params: z.object({ id: z.uuid('unknown transaction') }),
    body: z.object({ reason: replayReasonSchema.max(500) }),
  },
  async ({ actor, ctx, params, body }) => {
    const result = await replayOne(ctx.db, actor.tenantId, params.id, {
      actor: { id: actor.userId, label: actor.name },
      reason: body.reason,
    });
    if (result.kind === 'not_found') throw notFound('transaction');
    if (result.kind === 'not_replayable')
      throw new AppError(
        'CONFLICT',
        `Not replayed: the transaction is ${statusWords(result.status)} now. Only failed, needs review or paused transactions can be replayed.`,
      );
    await wakeBestEffort(ctx, actor.tenantId, [result.connectionId]);
    return Response.json({ id: params.id, status: 'received' }, { status: 202 });
  },
);
