// The operations queue: replay batches (chunked, resumable), scheduled polls and the nightly
// reconciliation of a flow.
import { pollFlow, type PollDeps } from '@/lib/engine/poll';
import { runReplayChunk } from '@/lib/engine/replay-batch';
import { failReplayPreflight } from '@/lib/engine/replay-preflight';
import { runPreflightChunk, type PreflightDeps } from '@/lib/engine/replay-preflight-chunk';
import { isLastAttempt, type JobHandler } from '@/lib/queue/handlers';
import { drainWaker } from '@/lib/queue/wake-drains';
import { launchScheduledRun } from '@/lib/reconciliation/schedule';

export function replayBatch(deps: PollDeps): JobHandler<'replay.batch'> {
  const wake = drainWaker(deps);
  return async ({ tenantId, batchId }) => {
    for (;;) {
      const chunk = await runReplayChunk(deps.db, tenantId, batchId, wake);
      if (chunk.done) return 'done';
    }
  };
}

/** A replay's pre-flight, chunk after chunk, at the targets' rate limits (the drains' limiter). */
export function replayPreflight(deps: PreflightDeps): JobHandler<'replay.preflight'> {
  return async ({ tenantId, preflightId }, job) => {
    try {
      for (;;) {
        const chunk = await runPreflightChunk(deps, tenantId, preflightId);
        if (chunk.done) return 'done';
      }
    } catch (error) {
      // out of attempts: the screen says the check failed (and why) instead of "running" forever
      if (isLastAttempt(job)) await failReplayPreflight(deps.db, tenantId, preflightId, error);
      throw error;
    }
  };
}

export function flowPoll(deps: PollDeps): JobHandler<'flow.poll'> {
  return async (ids, job) => {
    const outcome = await pollFlow(deps, ids);
    if (outcome.kind === 'failed') deps.log.warn({ jobId: job.id, ...outcome }, 'poll failed');
    return outcome.kind;
  };
}

export function reconciliationScheduled(deps: PollDeps): JobHandler<'reconciliation.scheduled'> {
  return async (ids) => (await launchScheduledRun(deps, ids)).kind;
}
