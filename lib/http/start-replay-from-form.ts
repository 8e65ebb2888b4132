// The form side of starting a bulk replay, shared by the Replays screen and the error queues: the
// filter from the form's fields (the same parser as the previewed URL), the reason, and the launch.
// It runs inside an action's `run`, which has already authorised (transactions.replay); each screen
// words the answer its own way.
import { z } from 'zod';
import { launchReplayBatch } from '@/lib/engine/launch-replay-batch';
import { replayReasonSchema } from '@/lib/engine/replay';
import { failed, type ActionFailure } from './action-result';
import type { ActionArgs } from './define-action';
import { replayFilterInput } from './replay-filter-params';

// Both halves read the same fields; a bad filter's message comes first, as it did when the filter
// was parsed before the reason.
export const startReplayInput = z.intersection(
  replayFilterInput,
  z.object({
    reason: replayReasonSchema.max(500, 'keep the reason under 500 characters'),
    // the pre-flight shown with the preview: what it found at the target is linked, not replayed
    preflightId: z.preprocess(
      (v) => (v === '' ? undefined : v),
      z.uuid('unknown pre-flight').optional(),
    ),
  }),
);

export async function startReplayFromForm({
  ctx,
  actor,
  operator,
  audit,
  input,
}: ActionArgs<z.output<typeof startReplayInput>>): Promise<
  ActionFailure | { ok: true; batchId: string; total: number; linked: number }
> {
  const { reason, preflightId, ...filter } = input;
  const launched = await launchReplayBatch(ctx, actor.tenantId, {
    filter,
    actor: operator,
    reason,
    audit,
    ...(preflightId && { preflightId }),
  });
  if (launched.kind === 'queue_unavailable')
    return failed(503, 'The worker queue is unavailable; nothing was replayed. Try again.');
  return { ok: true, batchId: launched.batchId, total: launched.total, linked: launched.linked };
}
