'use server';

// Bulk replay: start a batch for exactly the filter that was previewed (the form carries it in
// hidden fields, parsed by the same parser as the URL), hand it to the worker, and cancel one.
// defineFormAction checks the permission here, not only by hiding the form.
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { cancelReplayBatch } from '@/lib/engine/replay-batch';
import { launchReplayPreflight } from '@/lib/engine/launch-replay-preflight';
import { cancelReplayPreflight } from '@/lib/engine/replay-preflight';
import { failed, succeeded, type ActionResult } from '@/lib/http/action-result';
import { defineFormAction } from '@/lib/http/define-action';
import { startReplayFromForm, startReplayInput } from '@/lib/http/start-replay-from-form';
import { replayFilterFields, replayFilterInput } from '@/lib/http/replay-filter-params';

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
    const linked = started.linked > 0 ? `&linked=${started.linked}` : '';
    redirect(`/replays?started=${started.batchId}${linked}`);
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

// Pre-flight: ask the targets which of the previewed transactions they already hold, as a worker
// job; the preview URL then carries its id, so the page shows its progress and the replay form
// links what it found.
export const startPreflight = defineFormAction({
  permission: 'transactions.replay',
  doing: 'check transactions at their targets',
  input: replayFilterInput,
  async run({ ctx, actor, operator, audit, input }): Promise<ActionResult> {
    const launched = await launchReplayPreflight(ctx, actor.tenantId, {
      filter: input,
      actor: operator,
      audit,
    });
    if (launched.kind === 'queue_unavailable')
      return failed(503, 'The worker queue is unavailable; nothing was checked. Try again.');
    const query = new URLSearchParams([
      ['preview', '1'],
      ...replayFilterFields(input),
      ['preflight', launched.preflightId],
    ]);
    revalidatePath('/replays');
    redirect(`/replays?${query.toString()}`);
  },
});

export const cancelPreflight = defineFormAction({
  permission: 'transactions.replay',
  doing: 'cancel checks at the targets',
  input: z.object({ preflightId: z.uuid('unknown pre-flight') }),
  revalidate: ['/replays'],
  async run({ ctx, actor, operator, audit, input }): Promise<ActionResult> {
    const outcome = await cancelReplayPreflight(ctx.db, actor.tenantId, input.preflightId, {
      actor: operator,
      audit,
    });
    switch (outcome) {
      case 'cancelled':
        return succeeded('Check cancelled — what it found so far is still used by the replay.');
      case 'finished':
        return failed(409, 'This check had already finished.');
      case 'not_found':
        return failed(404, 'There is no such check.');
    }
  },
});
