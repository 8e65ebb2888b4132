'use server';

// Bulk replay: start a batch for exactly the filter that was previewed (the form carries it in
// hidden fields, parsed by the same parser as the URL), hand it to the worker, and cancel one.
// defineFormAction checks the permission here, not only by hiding the form.
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { cancelReplayBatch } from '@/lib/engine/replay-batch';
import { failed, succeeded, type ActionResult } from '@/lib/http/action-result';
import { defineFormAction } from '@/lib/http/define-action';
import { startReplayFromForm, startReplayInput } from '@/lib/http/start-replay-from-form';

export const startReplay = defineFormAction({
  permission: 'transactions.replay',
  doing: 'replay transactions',
  input: startReplayInput,
  async run(args): Promise<ActionResult> {
    const started = await startReplayFromForm(args);
    if (!started.ok) return started;
    // redirect() throws by design (the wrapper lets it through), so the wrapper's revalidate would
    // never run: revalidate here. The URL drops the preview, so a reload cannot offer to start the
    // same batch twice.
    revalidatePath('/replays');
    redirect(`/replays?started=${started.batchId}`);
  },
});

export const cancelReplay = defineFormAction({
  permission: 'transactions.replay',
  doing: 'cancel replays',
  input: z.object({ batchId: z.uuid('unknown batch') }),
  revalidate: ['/replays'],
  async run({ ctx, actor, operator, audit, input }): Promise<ActionResult> {
    const outcome = await cancelReplayBatch(ctx.db, actor.tenantId, input.batchId, {
      actor: operator,
      audit,
    });
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
  },
});
