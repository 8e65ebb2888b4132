// The form side of starting a bulk replay, shared by the Replays screen and the error queues: the
// permission, the filter from the form's fields (the same parser as the previewed URL), the reason,
// and the launch. Each screen words the answer its own way.
import { headers } from 'next/headers';
import { z } from 'zod';
import { requireActor } from '@/lib/auth/session';
import { launchReplayBatch } from '@/lib/engine/launch-replay-batch';
import { replayReasonSchema } from '@/lib/engine/replay';
import type { ServerContext } from '@/lib/server/context';
import { actionFailure, failed, type ActionFailure } from './action-result';
import { formFields, parseReplayFilter } from './replay-filter-params';
import { requestIdOf } from '@/lib/base/request-id';

const reasonInput = z.object({
  reason: replayReasonSchema.max(500, 'keep the reason under 500 characters'),
});

export async function startReplayFromForm(
  ctx: ServerContext,
  form: FormData,
): Promise<ActionFailure | { ok: true; batchId: string; total: number }> {
  try {
    const actor = await requireActor('transactions.replay');
    const filter = parseReplayFilter(formFields(form));
    const { reason } = reasonInput.parse({ reason: form.get('reason') ?? undefined });
    const launched = await launchReplayBatch(ctx, actor.tenantId, {
      filter,
      actor: { id: actor.userId, label: actor.name },
      reason,
      audit: { requestId: requestIdOf(await headers()) },
    });
    if (launched.kind === 'queue_unavailable')
      return failed(503, 'The worker queue is unavailable; nothing was replayed. Try again.');
    return { ok: true, batchId: launched.batchId, total: launched.total };
  } catch (error) {
    return actionFailure(error, ctx.log, 'replay transactions');
  }
}
