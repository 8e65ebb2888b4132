'use server';

// Bulk replay: start a batch for exactly the filter that was previewed (the form carries it in
// hidden fields, parsed by the same parser as the URL), hand it to the worker, and cancel one.
import { revalidatePath } from 'next/cache';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { requireActor } from '@/lib/auth/session';
import { cancelReplayBatch } from '@/lib/engine/replay-batch';
import { actionFailure, failed, succeeded, type ActionResult } from '@/lib/http/action-result';
import { requestIdOf } from '@/lib/base/request-id';
import { startReplayFromForm } from '@/lib/http/start-replay-from-form';
import { serverContext } from '@/lib/server/context';

export async function startReplay(
  _previous: ActionResult | null,
  form: FormData,
): Promise<ActionResult> {
  const started = await startReplayFromForm(serverContext(), form);
  if (!started.ok) return started;
  revalidatePath('/replays');
  // redirect() throws by design, so it stays outside any try. The URL drops the preview, so a
  // reload cannot offer to start the same batch twice.
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
    const outcome = await cancelReplayBatch(ctx.db, actor.tenantId, batchId, {
      actor: { id: actor.userId, label: actor.name },
      audit: { requestId: requestIdOf(await headers()) },
    });
    revalidatePath('/replays');
    switch (outcome) {
      case 'cancelled':
        return succeeded(
          'Cancelled — transactions already replayed stay replayed; no more will be.',
        );
      case 'finished':
        return failed(409, 'This batch had already finished.');
      case 'not_found':
        return failed(404, 'There is no such replay batch.');
    }
  } catch (error) {
    return actionFailure(error, ctx.log, 'cancel replays');
  }
}
