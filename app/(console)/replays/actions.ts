'use server';

// Bulk replay: start a batch for exactly the filter that was previewed (the form carries it in
// hidden fields, parsed by the same parser as the URL), hand it to the worker, and cancel one.
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { requireActor } from '@/lib/auth/session';
import { replayReasonSchema } from '@/lib/engine/replay';
import { cancelReplayBatch, startReplayBatch } from '@/lib/engine/replay-batch';
import { actionFailure, failed, succeeded, type ActionResult } from '@/lib/http/action-result';
import { formFields, parseReplayFilter } from '@/lib/http/replay-filter-params';
import { enqueue } from '@/lib/queue/queues';
import { serverContext } from '@/lib/server/context';

const reasonInput = z.object({
  reason: replayReasonSchema.max(500, 'keep the reason under 500 characters'),
});

export async function startReplay(
  _previous: ActionResult | null,
  form: FormData,
): Promise<ActionResult> {
  const ctx = serverContext();
  let started: { batchId: string; total: number };
  try {
    const actor = await requireActor('transactions.replay');
    const filter = parseReplayFilter(formFields(form));
    const { reason } = reasonInput.parse({ reason: form.get('reason') ?? undefined });
    started = await startReplayBatch(ctx.db, actor.tenantId, {
      filter,
      actor: { id: actor.userId, label: actor.name },
      reason,
    });
    if (started.total > 0) {
      const job = { tenantId: actor.tenantId, batchId: started.batchId };
      const queued = await enqueue(ctx.queues, 'replay.batch', [job]).then(
        () => true,
        (error: unknown) => {
          ctx.log.warn({ err: String(error), batchId: started.batchId }, 'replay batch not queued');
          return false;
        },
      );
      // Nothing re-queues a running batch whose job never reached Redis: cancel it (before any
      // chunk ran, so nothing was replayed) rather than leave a bar that never moves.
      if (!queued) {
        await cancelReplayBatch(ctx.db, actor.tenantId, started.batchId);
        return failed(503, 'The worker queue is unavailable; nothing was replayed. Try again.');
      }
    }
  } catch (error) {
    return actionFailure(error, ctx.log, 'replay transactions');
  }
  revalidatePath('/replays');
  // Outside the try: redirect() throws by design. The URL drops the preview, so a reload cannot
  // offer to start the same batch twice.
  redirect(`/replays?started=${started.batchId}`);
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
