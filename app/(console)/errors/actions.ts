'use server';

// Error queues: preview and start a replay of a group (or of a time window of it), follow its
// progress, and resolve or ignore a group with a note. Every action checks its permission here
// (the define…Action wrapper): hiding a button is not the boundary. The replay filter travels as
// form fields through the same parser as the Replays screen, so the batch starts with exactly the
// filter that was previewed.
import { z } from 'zod';
import { previewReplay } from '@/lib/engine/replay-batch';
import { failed, type ActionFailure } from '@/lib/http/action-result';
import { defineAction, defineFormAction } from '@/lib/http/define-action';
import { replayFilterFields, replayFilterInput } from '@/lib/http/replay-filter-params';
import { startReplayFromForm, startReplayInput } from '@/lib/http/start-replay-from-form';
import { findReplayProgress, type ReplayProgress } from '@/lib/ledger/error-groups.presenter';
import { operatorNoteSchema } from '@/lib/ledger/resolve';
import { countByFilter, groupFilterSchema, resolveByFilter } from '@/lib/ledger/resolve-by-filter';

export type PreviewAnswer = ActionFailure | { ok: true; count: number; fields: [string, string][] };

/** How many transactions a replay with these fields would take now (the confirmation's count). */
export const previewGroupReplay = defineFormAction({
  permission: 'transactions.replay',
  doing: 'replay transactions',
  input: replayFilterInput,
  async run({ ctx, actor, input: filter }): Promise<PreviewAnswer> {
    const count = await previewReplay(ctx.db, actor.tenantId, filter);
    return { ok: true, count, fields: replayFilterFields(filter) };
  },
});

export type StartAnswer =
  ActionFailure | { ok: true; message: string; batchId: string; total: number };

export const startGroupReplay = defineFormAction({
  permission: 'transactions.replay',
  doing: 'replay transactions',
  input: startReplayInput,
  async run(args): Promise<StartAnswer> {
    const started = await startReplayFromForm(args);
    if (!started.ok) return started;
    const { total } = started;
    return {
      ...started,
      message:
        total === 0
          ? 'Nothing matched any more, so there was nothing to replay.'
          : `Replay started for ${total === 1 ? '1 transaction' : `${total} transactions`}.`,
    };
  },
});

export type ProgressAnswer = ActionFailure | ({ ok: true } & ReplayProgress);

/** Polled by the progress bar while a batch started here runs. */
export const readReplayProgress = defineAction({
  permission: 'transactions.replay',
  doing: 'replay transactions',
  input: z.uuid('unknown batch'),
  async run({ ctx, actor, input: batchId }): Promise<ProgressAnswer> {
    const progress = await findReplayProgress(ctx.db, actor.tenantId, batchId);
    return progress ? { ok: true, ...progress } : failed(404, 'This replay batch does not exist.');
  },
});

/** A group is a replay filter that names both its flow and its class (never "everything"). The
 *  engine's filter type is wider than a group's, so the step between is left untyped: the group
 *  schema checks it, as it checked the parsed filter before. */
const groupFilterInput = replayFilterInput
  .transform((filter): unknown => filter)
  .pipe(groupFilterSchema);

export type DecisionAnswer = ActionFailure | { ok: true; message: string };

/** Counts what resolve or ignore would touch, for the confirmation. */
export const previewGroupDecision = defineFormAction({
  permission: 'transactions.resolve',
  doing: 'resolve transactions',
  input: groupFilterInput,
  async run({ ctx, actor, input: filter }): Promise<PreviewAnswer> {
    const count = await countByFilter(ctx.db, actor.tenantId, filter);
    return { ok: true, count, fields: replayFilterFields(filter) };
  },
});

/** Resolve (completed, fixed by hand) or ignore (cancelled, will not be delivered) a group. */
export const decideGroup = defineFormAction({
  permission: 'transactions.resolve',
  // The refusal comes before the form is read, so it names both decisions the permission covers.
  doing: 'resolve or ignore transactions',
  // the group first: a bad filter's message comes before the note's, as when parsed in turn
  input: z.intersection(
    groupFilterInput,
    z.object({
      decision: z.enum(['resolve', 'ignore'], 'choose resolve or ignore'),
      note: operatorNoteSchema,
    }),
  ),
  revalidate: ['/errors'],
  async run({ ctx, actor, operator, audit, input }): Promise<DecisionAnswer> {
    const { decision, note, ...filter } = input;
    const outcome = await resolveByFilter(ctx.db, actor.tenantId, {
      filter,
      decision,
      actor: operator,
      note,
      audit,
    });
    const done = decision === 'resolve' ? 'Resolved' : 'Ignored';
    const moved = outcome.applied === 1 ? '1 transaction' : `${outcome.applied} transactions`;
    const skipped =
      outcome.skipped > 0 ? ` ${outcome.skipped} had moved on meanwhile and were left alone.` : '';
    return { ok: true, message: `${done} ${moved}.${skipped}` };
  },
});
