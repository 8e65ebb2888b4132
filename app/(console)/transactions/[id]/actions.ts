'use server';

// Replay one transaction: a person sends a failed or reviewed transaction through dispatch again,
// with a reason that goes on its timeline. The permission is checked here, not only by hiding the
// form: anyone can POST to an action.
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { requireActor } from '@/lib/auth/session';
import { replayOne, replayReasonSchema } from '@/lib/engine/replay';
import { wakeBestEffort } from '@/lib/engine/wake-best-effort';
import { actionFailure, failed, succeeded, type ActionResult } from '@/lib/http/action-result';
import { serverContext } from '@/lib/server/context';

const replayInput = z.object({
  transactionId: z.uuid('unknown transaction'),
  reason: replayReasonSchema.max(500, 'keep the reason under 500 characters'),
});

export async function replayTransaction(
  _previous: ActionResult | null,
  form: FormData,
): Promise<ActionResult> {
  const ctx = serverContext();
  try {
    const actor = await requireActor('transactions.replay');
    const { transactionId, reason } = replayInput.parse({
      transactionId: form.get('transactionId') ?? undefined,
      reason: form.get('reason') ?? undefined,
    });
    const result = await replayOne(ctx.db, actor.tenantId, transactionId, {
      actor: { id: actor.userId, label: actor.name },
      reason,
    });
    switch (result.kind) {
      case 'replayed':
        await wakeBestEffort(ctx, actor.tenantId, [result.connectionId]);
        revalidatePath(`/transactions/${transactionId}`);
        return succeeded(`Replay requested: “${reason}”. The transaction is back in the queue.`);
      case 'not_replayable':
        return failed(
          409,
          `Not replayed: the transaction is ${result.status.replace('_', ' ')} now. Only failed, needs review or paused transactions can be replayed.`,
        );
      case 'not_found':
        return failed(404, 'This transaction does not exist.');
      default: {
        const exhaustive: never = result;
        return exhaustive;
      }
    }
  } catch (error) {
    return actionFailure(error, ctx.log, 'replay transactions');
  }
}
