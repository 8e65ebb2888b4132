'use server';

// Reconciliation: force a run, cancel one, and decide on drift (preview the count, then backfill,
// replay or accept with a note), for one item or every open item of a kind. Each action checks its
// permission here; hiding a button is not the boundary. Decisions go through the same use case as
// the API, so the console and scripts cannot disagree about what a decision does.
import { revalidatePath } from 'next/cache';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { requireActor } from '@/lib/auth/session';
import { AppError } from '@/lib/errors';
import { actionFailure, failed, type ActionFailure } from '@/lib/http/action-result';
import { requestIdOf } from '@/lib/base/request-id';
import { cancelReconciliationRun } from '@/lib/reconciliation/cancel-run';
import { decideDrift, driftDecisionSchema } from '@/lib/reconciliation/decide-drift';
import { applyFlowSchedule } from '@/lib/reconciliation/apply-flow-schedule';
import { launchReconciliationRun } from '@/lib/reconciliation/launch-run';
import { serverContext } from '@/lib/server/context';

const DAY_MS = 24 * 3600_000;
const field = (form: FormData, name: string) => {
  const v = form.get(name);
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
};

/** The console picks whole UTC days, both ends included: the window is [from 00:00, to + 1 day). */
const runForm = z
  .object({
    flowId: z.uuid('choose a flow'),
    from: z.iso.date('choose the first day'),
    to: z.iso.date('choose the last day'),
  })
  .transform((f) => ({
    flowId: f.flowId,
    windowFrom: new Date(`${f.from}T00:00:00Z`),
    windowTo: new Date(new Date(`${f.to}T00:00:00Z`).getTime() + DAY_MS),
  }));

export async function startRun(_previous: ActionFailure | null, form: FormData) {
  const ctx = serverContext();
  let runId: string;
  try {
    const actor = await requireActor('reconciliation.run');
    const window = runForm.parse({
      flowId: field(form, 'flowId'),
      from: field(form, 'from'),
      to: field(form, 'to'),
    });
    const launched = await launchReconciliationRun(ctx, actor.tenantId, {
      ...window,
      trigger: 'console',
      actor: { id: actor.userId, label: actor.name },
      audit: { requestId: requestIdOf(await headers()) },
    });
    if (launched.kind === 'queue_unavailable')
      throw new AppError('UNAVAILABLE', 'The worker queue is unavailable; no run was started.');
    runId = launched.runId;
  } catch (error) {
    return actionFailure(error, ctx.log, 'start reconciliation runs');
  }
  revalidatePath('/reconciliation');
  redirect(`/reconciliation/runs/${runId}`);
}

export type CancelAnswer = ActionFailure | { ok: true; message: string };

export async function cancelRun(
  _previous: CancelAnswer | null,
  form: FormData,
): Promise<CancelAnswer> {
  const ctx = serverContext();
  try {
    const actor = await requireActor('reconciliation.run');
    const runId = z.uuid('unknown reconciliation run').parse(field(form, 'runId'));
    const outcome = await cancelReconciliationRun(ctx.db, actor.tenantId, runId, {
      actor: { id: actor.userId, label: actor.name },
      reason: 'cancelled from the console',
      audit: { requestId: requestIdOf(await headers()) },
    });
    if (outcome === 'not_found') return failed(404, 'This reconciliation run does not exist.');
    revalidatePath(`/reconciliation/runs/${runId}`);
    return {
      ok: true,
      message:
        outcome === 'cancelled'
          ? 'Run cancelled. Items found so far stay listed.'
          : 'The run had already finished.',
    };
  } catch (error) {
    return actionFailure(error, ctx.log, 'cancel reconciliation runs');
  }
}

/** The decision as form fields: action, itemId or runId + kind, note (accept), reason (replay). */
function decisionOf(form: FormData, preview: boolean) {
  const itemId = field(form, 'itemId');
  const action = field(form, 'action');
  return driftDecisionSchema.parse({
    action,
    selection: itemId ? { itemId } : { runId: field(form, 'runId'), kind: field(form, 'kind') },
    preview,
    // a preview only counts: the note or reason is asked for after it, in the confirmation
    ...(!preview && action === 'accept' && { note: field(form, 'note') ?? '' }),
    ...(!preview && action === 'replay' && { reason: field(form, 'reason') ?? '' }),
  });
}

const doing = (form: FormData) => {
  const action = form instanceof FormData ? form.get('action') : null;
  return action === 'backfill'
    ? 'backfill drift'
    : action === 'replay'
      ? 'replay drift'
      : 'accept drift';
};

export type DriftPreviewAnswer = ActionFailure | { ok: true; count: number };

/** How many open items the decision would apply to now: the number the confirmation shows. */
export async function previewDrift(form: FormData): Promise<DriftPreviewAnswer> {
  const ctx = serverContext();
  try {
    const actor = await requireActor('drift.resolve');
    const result = await decideDrift(ctx.db, actor.tenantId, {
      decision: decisionOf(form, true),
      actor: { id: actor.userId, label: actor.name },
      wake: ctx.wake,
    });
    return { ok: true, count: result.kind === 'preview' ? result.matches : 0 };
  } catch (error) {
    return actionFailure(error, ctx.log, doing(form));
  }
}

export type DriftDecisionAnswer = ActionFailure | { ok: true; message: string };

const items = (n: number) => (n === 1 ? '1 item' : `${n} items`);

export async function decideDriftItems(
  _previous: DriftDecisionAnswer | null,
  form: FormData,
): Promise<DriftDecisionAnswer> {
  const ctx = serverContext();
  try {
    const actor = await requireActor('drift.resolve');
    const result = await decideDrift(ctx.db, actor.tenantId, {
      decision: decisionOf(form, false),
      actor: { id: actor.userId, label: actor.name },
      wake: ctx.wake,
      audit: { requestId: requestIdOf(await headers()) },
    });
    revalidatePath('/reconciliation', 'layout');
    switch (result.kind) {
      case 'backfilled':
        return {
          ok: true,
          message:
            `Backfilled ${items(result.backfilled)}: their transactions are being processed.` +
            (result.skipped ? ` ${items(result.skipped)} had been decided meanwhile.` : ''),
        };
      case 'replayed':
        return {
          ok: true,
          message:
            `Replayed ${items(result.replayed)}.` +
            (result.skipped.length
              ? ` ${items(result.skipped.length)} skipped: their transactions are not failed, in review or paused.`
              : ''),
        };
      case 'accepted':
        return { ok: true, message: `Accepted ${items(result.accepted)} with your note.` };
      case 'preview':
        return { ok: true, message: `${items(result.matches)} would be decided.` };
    }
  } catch (error) {
    return actionFailure(error, ctx.log, doing(form));
  }
}

export type ScheduleAnswer = ActionFailure | { ok: true; message: string };

/** Saves a flow's reconciliation schedule: on or off, and the UTC pattern (empty: 02:15). */
export async function saveSchedule(
  _previous: ScheduleAnswer | null,
  form: FormData,
): Promise<ScheduleAnswer> {
  const ctx = serverContext();
  try {
    const actor = await requireActor('reconciliation.run');
    const flowId = z.uuid('unknown flow').parse(field(form, 'flowId'));
    const schedule = await applyFlowSchedule(ctx, actor.tenantId, flowId, {
      scheduled: form.get('scheduled') === 'on',
      cron: field(form, 'cron') ?? null,
      actor: { id: actor.userId, label: actor.name },
      audit: { requestId: requestIdOf(await headers()) },
    });
    revalidatePath('/reconciliation');
    return {
      ok: true,
      message: schedule.scheduled
        ? `Saved: checks the previous UTC day at "${schedule.cron}" (UTC).`
        : 'Saved: no scheduled runs for this flow.',
    };
  } catch (error) {
    return actionFailure(error, ctx.log, 'change reconciliation schedules');
  }
}
