'use server';

// Guided recovery: start one for a connection, then take its steps in order. Thin: the wrapper
// authorises and parses; one lib/recovery use case takes the step (it refuses a step out of turn
// in words) and audits it. A recovery pauses and resumes a connection and replays its failed
// work, so its steps take the permission to pause connections; reconciling the window takes the
// permission to run reconciliations.
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { failed, succeeded, type ActionResult } from '@/lib/http/action-result';
import { defineFormAction } from '@/lib/http/define-action';
import { drainRateSchema, startDrain } from '@/lib/recovery/drain';
import { confirmFix, fixNoteSchema, previewDrain } from '@/lib/recovery/fix-and-preview';
import { finishRecovery, reconcileOutageWindow } from '@/lib/recovery/reconcile-and-finish';
import { startRecovery } from '@/lib/recovery/start-recovery';

const recoveryId = z.uuid('unknown recovery');
const itsPage = (input: { recoveryId: string }) => [`/recoveries/${input.recoveryId}`];
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export const startRecoveryAction = defineFormAction({
  permission: 'connections.pause',
  doing: 'recover connections',
  input: z.object({ connectionId: z.uuid('unknown connection') }),
  async run({ ctx, actor, operator, audit, input }): Promise<ActionResult> {
    const { recoveryId: id } = await startRecovery(ctx.db, actor.tenantId, input.connectionId, {
      actor: operator,
      audit,
    });
    // redirect() throws past the wrapper's revalidation: refresh the list here
    revalidatePath('/connections');
    redirect(`/recoveries/${id}`);
  },
});

export const confirmFixAction = defineFormAction({
  permission: 'connections.pause',
  doing: 'recover connections',
  input: z.object({ recoveryId, note: fixNoteSchema }),
  revalidate: itsPage,
  async run({ ctx, actor, operator, audit, input }): Promise<ActionResult> {
    const { changes } = await confirmFix(ctx.db, actor.tenantId, input.recoveryId, {
      actor: operator,
      audit,
      ...(input.note && { note: input.note }),
    });
    return succeeded(
      `Fix confirmed, with ${plural(changes, 'configuration change')} since the outage began.`,
    );
  },
});

export const previewDrainAction = defineFormAction({
  permission: 'connections.pause',
  doing: 'recover connections',
  input: z.object({ recoveryId }),
  revalidate: itsPage,
  async run({ ctx, actor, operator, audit, input }): Promise<ActionResult> {
    const preview = await previewDrain(ctx, actor.tenantId, input.recoveryId, {
      actor: operator,
      audit,
    });
    const checking = preview.preflightId ? '; the target is being asked what it already has' : '';
    return succeeded(
      `${plural(preview.held, 'held transaction')} ${preview.held === 1 ? 'goes' : 'go'} out on resume, ${plural(preview.failed, 'failed transaction')} by replay${checking}.`,
    );
  },
});

export const startDrainAction = defineFormAction({
  permission: 'transactions.replay',
  doing: 'drain a recovering connection',
  input: z.object({ recoveryId, ratePerSecond: drainRateSchema }),
  revalidate: itsPage,
  async run({ ctx, actor, operator, audit, input }): Promise<ActionResult> {
    const drain = await startDrain(ctx, actor.tenantId, input.recoveryId, {
      actor: operator,
      audit,
      ratePerSecond: input.ratePerSecond,
    });
    if (drain.replayNotQueued)
      return failed(
        503,
        'The drain started, but the worker queue is unavailable: the failed work was not replayed. Replay it from the error queues.',
      );
    return succeeded(
      `Draining at ${input.ratePerSecond}/s${drain.resumed ? ': the connection is resumed' : ''}.`,
    );
  },
});

export const reconcileWindowAction = defineFormAction({
  permission: 'reconciliation.run',
  doing: 'reconcile an outage window',
  input: z.object({ recoveryId }),
  revalidate: itsPage,
  async run({ ctx, actor, operator, audit, input }): Promise<ActionResult> {
    const started = await reconcileOutageWindow(ctx, actor.tenantId, input.recoveryId, {
      actor: operator,
      audit,
    });
    if (started.notQueued > 0)
      return failed(503, 'The worker queue is unavailable: some runs could not start.');
    return succeeded(
      started.runIds.length === 0
        ? 'No flow to this connection can be reconciled: nothing to compare.'
        : `${plural(started.runIds.length, 'reconciliation run')} started over the outage window.`,
    );
  },
});

export const finishRecoveryAction = defineFormAction({
  permission: 'connections.pause',
  doing: 'recover connections',
  input: z.object({
    recoveryId,
    outcome: z.enum(['completed', 'abandoned']),
    reason: z.string().trim().max(2000).optional(),
  }),
  revalidate: itsPage,
  async run({ ctx, actor, operator, audit, input }): Promise<ActionResult> {
    await finishRecovery(ctx.db, actor.tenantId, input.recoveryId, {
      actor: operator,
      audit,
      outcome: input.outcome,
      ...(input.reason && { reason: input.reason }),
    });
    return succeeded(
      input.outcome === 'completed'
        ? "Recovery completed: the connection's own rate limit applies again."
        : 'Recovery abandoned.',
    );
  },
});
