'use server';

// Replay one step of an order's journey: a person sends a failed or reviewed transaction through
// dispatch again, with a reason that goes on its timeline. The permission is checked here, not
// only by hiding the button: anyone can POST to an action.
import { revalidatePath } from 'next/cache';
import { headers } from 'next/headers';
import { z } from 'zod';
import { requireActor } from '@/lib/auth/session';
import { replayByIds, replayReasonSchema } from '@/lib/engine/replay';
import { actionFailure, failed, succeeded, type ActionResult } from '@/lib/http/action-result';
import { requestIdOf } from '@/lib/base/request-id';
import { serverContext } from '@/lib/server/context';

const replayInput = z.object({
  transactionId: z.uuid('unknown transaction'),
  reason: replayReasonSchema.max(500, 'keep the reason under 500 characters'),
});

export async function replayJourneyStep(
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
    const outcome = await replayByIds(ctx.db, actor.tenantId, [transactionId], {
      actor: { id: actor.userId, label: actor.name },
      wake: ctx.wake,
      reason,
      audit: { requestId: requestIdOf(await headers()) },
    });
    if (outcome.applied.length > 0) {
      revalidatePath('/orders/[businessKey]', 'page');
      return succeeded(`Replay requested: “${reason}”. The step is back in the queue.`);
    }
    const skipped = outcome.skipped[0];
    if (skipped)
      return failed(
        409,
        `Not replayed: the transaction is ${skipped.status.replace('_', ' ')} now. Only failed, needs review or paused transactions can be replayed.`,
      );
    return failed(404, 'This transaction does not exist.');
  } catch (error) {
    return actionFailure(error, ctx.log, 'replay transactions');
  }
}
