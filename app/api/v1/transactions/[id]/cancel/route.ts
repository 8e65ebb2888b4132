// POST /api/v1/transactions/{id}/cancel { note } — any status that is not final becomes cancelled;
// the note goes on the timeline with the caller's name. 409 says in words why it did not happen.
import { AppError } from '@/lib/errors';
import { api } from '@/lib/http/api-catalog';
import { defineRoute } from '@/lib/http/route';
import { cancelTransactions } from '@/lib/ledger/cancel';
import { describeOutcome, singleOutcome } from '@/lib/ledger/single-outcome';

export const POST = defineRoute(
  api('POST /api/v1/transactions/{id}/cancel'),
  async ({ actor, ctx, params, body, operator, audit }) => {
    const outcome = await cancelTransactions(ctx.db, actor.tenantId, [params.id], {
      actor: operator,
      note: body.note,
      audit,
    });
    const { status, message } = describeOutcome('cancel', singleOutcome(outcome, params.id));
    if (status === 404) throw new AppError('NOT_FOUND', message);
    if (status === 409) throw new AppError('CONFLICT', message);
    return { id: params.id, status: 'cancelled' };
  },
);
