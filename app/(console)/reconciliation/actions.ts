'use server';

// Reconciliation: force a run, cancel one, and decide on drift (preview the count, then backfill,
// replay or accept with a note), for one item or every open item of a kind. Each action checks its
// permission here (the define…Action wrapper); hiding a button is not the boundary. Decisions go
// through the same use case as the API, so the console and scripts cannot disagree about what a
// decision does.
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import type { FormInput } from '@/lib/base/form-input';
import { failed, type ActionFailure } from '@/lib/http/action-result';
import { defineFormAction } from '@/lib/http/define-action';
import { cancelReconciliationRun } from '@/lib/reconciliation/cancel-run';
import { decideDrift, driftDecisionSchema } from '@/lib/reconciliation/decide-drift';
import { applyFlowSchedule } from '@/lib/reconciliation/apply-flow-schedule';
import { launchReconciliationRun } from '@/lib/reconciliation/launch-run';

const DAY_MS = 24 * 3600_000;

/** A field as the console reads it: trimmed, and a blank one is not given. */
const given = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);
const field = <T extends z.ZodType>(schema: T) => z.preprocess(given, schema);

/** The console picks whole UTC days, both ends included: the window is [from 00:00, to + 1 day). */
const runForm = z
  .object({
    flowId: field(z.uuid('choose a flow')),
    from: field(z.iso.date('choose the first day')),
    to: field(z.iso.date('choose the last day')),
  })
  .transform((f) => ({
    flowId: f.flowId,
    windowFrom: new Date(`${f.from}T00:00:00Z`),
    windowTo: new Date(new Date(`${f.to}T00:00:00Z`).getTime() + DAY_MS),
  }));

export const startRun = defineFormAction({
  permission: 'reconciliation.run',
  doing: 'start reconciliation runs',
  input: runForm,
  async run({ ctx, actor, operator, audit, input: window }): Promise<ActionFailure> {
    const launched = await launchReconciliationRun(ctx, actor.tenantId, {
      ...window,
      trigger: 'console',
      actor: operator,
      audit,
    });
    if (launched.kind === 'queue_unavailable')
      return failed(503, 'The worker queue is unavailable; no run was started.');
    // redirect() throws by design (the wrapper lets it through), so the wrapper's revalidate would
    // never run: revalidate here.
    revalidatePath('/reconciliation');
    redirect(`/reconciliation/runs/${launched.runId}`);
  },
});

export type CancelAnswer = ActionFailure | { ok: true; message: string };

export const cancelRun = defineFormAction({
  permission: 'reconciliation.run',
  doing: 'cancel reconciliation runs',
  input: z.object({ runId: field(z.uuid('unknown reconciliation run')) }),
  async run({ ctx, actor, operator, audit, input }): Promise<CancelAnswer> {
    const outcome = await cancelReconciliationRun(ctx.db, actor.tenantId, input.runId, {
      actor: operator,
      reason: 'cancelled from the console',
      audit,
    });
    if (outcome === 'not_found') return failed(404, 'This reconciliation run does not exist.');
    return {
      ok: true,
      message:
        outcome === 'cancelled'
          ? 'Run cancelled. Items found so far stay listed.'
          : 'The run had already finished.',
    };
  },
  // an unknown run has no page to refresh (after run: TypeScript infers its answer first)
  revalidate: ({ runId }, answer) => (answer.ok ? [`/reconciliation/runs/${runId}`] : []),
});

/** A pattern's JSON as sent by the button; unreadable text is left for the schema to refuse. */
function patternOf(raw: string | undefined): unknown {
  if (raw === undefined) return undefined;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return raw;
  }
}

/**
 * The decision as form fields: action, itemId or runId + kind (+ pattern, as JSON), note
 * (accept), reason (replay).
 */
const decisionInput = (preview: boolean) =>
  z.preprocess((form: FormInput) => {
    const text = (name: string) => given(form[name]);
    const itemId = text('itemId');
    const action = text('action');
    const pattern = patternOf(text('pattern'));
    return {
      action,
      selection: itemId
        ? { itemId }
        : { runId: text('runId'), kind: text('kind'), ...(pattern !== undefined && { pattern }) },
      preview,
      // a preview only counts: the note or reason is asked for after it, in the confirmation
      ...(!preview && action === 'accept' && { note: text('note') ?? '' }),
      ...(!preview && action === 'replay' && { reason: text('reason') ?? '' }),
    };
  }, driftDecisionSchema);

// The refusal comes before the form is read, so it names every decision the permission covers.
const deciding = 'backfill, replay or accept drift';

export type DriftPreviewAnswer = ActionFailure | { ok: true; count: number };

/** How many open items the decision would apply to now: the number the confirmation shows. */
export const previewDrift = defineFormAction({
  permission: 'drift.resolve',
  doing: deciding,
  input: decisionInput(true),
  async run({ ctx, actor, operator, input: decision }): Promise<DriftPreviewAnswer> {
    const result = await decideDrift(ctx.db, actor.tenantId, {
      decision,
      actor: operator,
      wake: ctx.wake,
    });
    return { ok: true, count: result.kind === 'preview' ? result.matches : 0 };
  },
});

export type DriftDecisionAnswer = ActionFailure | { ok: true; message: string };

const items = (n: number) => (n === 1 ? '1 item' : `${n} items`);

export const decideDriftItems = defineFormAction({
  permission: 'drift.resolve',
  doing: deciding,
  input: decisionInput(false),
  revalidate: [{ path: '/reconciliation', type: 'layout' }],
  async run({ ctx, actor, operator, audit, input: decision }): Promise<DriftDecisionAnswer> {
    const result = await decideDrift(ctx.db, actor.tenantId, {
      decision,
      actor: operator,
      wake: ctx.wake,
      audit,
    });
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
  },
});

export type ScheduleAnswer = ActionFailure | { ok: true; message: string };

/** Saves a flow's reconciliation schedule: on or off, and the UTC pattern (empty: 02:15). */
export const saveSchedule = defineFormAction({
  permission: 'reconciliation.run',
  doing: 'change reconciliation schedules',
  input: z.object({
    flowId: field(z.uuid('unknown flow')),
    // a checkbox without a value attribute sends "on" when ticked, nothing when not
    scheduled: z.preprocess((v) => v === 'on', z.boolean()),
    cron: field(z.string().optional()),
  }),
  revalidate: ['/reconciliation'],
  async run({ ctx, actor, operator, audit, input }): Promise<ScheduleAnswer> {
    const schedule = await applyFlowSchedule(ctx, actor.tenantId, input.flowId, {
      scheduled: input.scheduled,
      cron: input.cron ?? null,
      actor: operator,
      audit,
    });
    return {
      ok: true,
      message: schedule.scheduled
        ? `Saved: checks the previous UTC day at "${schedule.cron}" (UTC).`
        : 'Saved: no scheduled runs for this flow.',
    };
  },
});
