'use server';

// Bulk replay: start a batch for exactly the filter that was previewed (the form carries it in
// hidden fields, parsed by the same parser as the URL), hand it to the worker, and cancel one.
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { requireActor } from '@/lib/auth/session';
import { replayReasonSchema } from '@/lib/engine/replay';
import { launchReplayBatch } from '@/lib/engine/launch-replay-batch';
import { cancelReplayBatch } from '@/lib/engine/replay-batch';
import { actionFailure, failed, succeeded, type ActionResult } from '@/lib/http/action-result';
import { formFields, parseReplayFilter } from '@/lib/http/replay-filter-params';
import { serverContext } from '@/lib/server/context';

const reasonInput = z.object({
  reason: replayReasonSchema.max(500, 'keep the reason under 500 characters'),
});

export async function startReplay(
  _previous: ActionResult | null,
  form: FormData,
): Promise<ActionResult> {
  const ctx = serverContext();
  let batchId: string;
  try {
    const actor = await requireActor('transactions.replay');
    const filter = parseReplayFilter(formFields(form));
    const { reason } = reasonInput.parse({ reason: form.get('reason') ?? undefined });
    const launched = await launchReplayBatch(ctx, actor.tenantId, {
      filter,
      actor: { id: actor.userId, label: actor.name },
      reason,
    });
    if (launched.kind === 'queue_unavailable')
      return failed(503, 'The worker queue is unavailable; nothing was replayed. Try again.');
    batchId = launched.batchId;
  } catch (error) {
    return actionFailure(error, ctx.log, 'replay transactions');
  }
  revalidatePath('/replays');
  // Outside the try: redirect() throws by design. The URL drops the preview, so a reload cannot
  // offer to start the same batch twice.
  redirect(`/replays?started=${batchId}`);
}

const cancelInput = z.object({ batchId: z.uuid('unknown batch') });

export async function cancelReplay(
  _previous: ActionResult | null,
  form: FormData,
): Promise<ActionResult> {
  const ctx = serverContext();
  try {
    const actor = await requireActor('transactions.replay');
    const { batchId } = cancelInput.parse({ batchId: form.get('batchId') ?? undefined });
    const cancelled = await cancelReplayBatch(ctx.db, actor.tenantId, batchId);
    revalidatePath('/replays');
    return cancelled
      ? succeeded('Cancelled — transactions already replayed stay replayed; no more will be.')
      : failed(409, 'This batch had already finished.');
  } catch (error) {
    return actionFailure(error, ctx.log, 'cancel replays');
  }
}
