// POST /api/v1/transactions/{id}/replay { reason } — the console's Replay: through dispatch again
// with the same idempotency key; the reason goes on the timeline with the caller's name.
import { replayOne } from '@/lib/engine/replay';
import { AppError, notFound } from '@/lib/errors';
import { api } from '@/lib/http/api-catalog';
import { defineRoute } from '@/lib/http/route';
import { statusWords } from '@/lib/ledger/single-outcome';

export const POST = defineRoute(
  api('POST /api/v1/transactions/{id}/replay'),
  async ({ actor, ctx, params, body, operator, audit }) => {
    const result = await replayOne(ctx.db, actor.tenantId, params.id, {
      actor: operator,
      wake: ctx.wake,
      reason: body.reason,
      audit,
    });
    if (result.kind === 'not_found') throw notFound('transaction');
    if (result.kind === 'not_replayable')
      throw new AppError(
        'CONFLICT',
        `Not replayed: the transaction is ${statusWords(result.status)} now. Only failed, needs review or paused transactions can be replayed.`,
      );
    return Response.json({ id: params.id, status: 'received' }, { status: 202 });
  },
);
