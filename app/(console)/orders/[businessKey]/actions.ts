'use server';

// Replay one step of an order's journey: a person sends a failed or reviewed transaction through
// dispatch again, with a reason that goes on its timeline. defineFormAction checks the permission
// here, not only by hiding the button: anyone can POST to an action.
import { z } from 'zod';
import { replayByIds, replayReasonSchema } from '@/lib/engine/replay';
import { failed, succeeded, type ActionResult } from '@/lib/http/action-result';
import { defineFormAction } from '@/lib/http/define-action';

export const replayJourneyStep = defineFormAction({
  permission: 'transactions.replay',
  doing: 'replay transactions',
  input: z.object({
    transactionId: z.uuid('unknown transaction'),
    reason: replayReasonSchema.max(500, 'keep the reason under 500 characters'),
  }),
  async run({ ctx, actor, operator, audit, input }): Promise<ActionResult> {
    const { reason } = input;
    const outcome = await replayByIds(ctx.db, actor.tenantId, [input.transactionId], {
      actor: operator,
      wake: ctx.wake,
      reason,
      audit,
    });
    if (outcome.applied.length > 0)
      return succeeded(`Replay requested: “${reason}”. The step is back in the queue.`);
    const skipped = outcome.skipped[0];
    if (skipped)
      return failed(
        409,
        `Not replayed: the transaction is ${skipped.status.replace('_', ' ')} now. Only failed, needs review or paused transactions can be replayed.`,
      );
    return failed(404, 'This transaction does not exist.');
  },
  // only a replay that happened changes the journey (after run: TypeScript infers its answer first)
  revalidate: (_input, result) =>
    result.ok ? [{ path: '/orders/[businessKey]', type: 'page' as const }] : [],
});
