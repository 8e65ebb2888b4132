'use server';

// Error queues: preview and start a replay of a group (or of a time window of it), follow its
// progress, and resolve or ignore a group with a note. Every action checks its permission here:
// hiding a button is not the boundary. The replay filter travels as form fields through the same
// parser as the Replays screen, so the batch starts with exactly the filter that was previewed.
import { revalidatePath } from 'next/cache';
import { headers } from 'next/headers';
import { z } from 'zod';
import { requireActor } from '@/lib/auth/session';
import { previewReplay } from '@/lib/engine/replay-batch';
import { actionFailure, failed, type ActionFailure } from '@/lib/http/action-result';
import { requestIdOf } from '@/lib/base/request-id';
import { formFields, parseReplayFilter, replayFilterFields } from '@/lib/http/replay-filter-params';
import { startReplayFromForm } from '@/lib/http/start-replay-from-form';
import { findReplayProgress, type ReplayProgress } from '@/lib/ledger/error-groups.presenter';
import { operatorNoteSchema } from '@/lib/ledger/resolve';
import { countByFilter, groupFilterSchema, resolveByFilter } from '@/lib/ledger/resolve-by-filter';
import { serverContext } from '@/lib/server/context';

export type PreviewAnswer = ActionFailure | { ok: true; count: number; fields: [string, string][] };

/** How many transactions a replay with these fields would take now (the confirmation's count). */
export async function previewGroupReplay(form: FormData): Promise<PreviewAnswer> {
  const ctx = serverContext();
  try {
    const actor = await requireActor('transactions.replay');
    const filter = parseReplayFilter(formFields(form));
    const count = await previewReplay(ctx.db, actor.tenantId, filter);
    return { ok: true, count, fields: replayFilterFields(filter) };
  } catch (error) {
    return actionFailure(error, ctx.log, 'replay transactions');
  }
}

export type StartAnswer =
  ActionFailure | { ok: true; message: string; batchId: string; total: number };

export async function startGroupReplay(
  _previous: StartAnswer | null,
  form: FormData,
): Promise<StartAnswer> {
  const started = await startReplayFromForm(serverContext(), form);
  if (!started.ok) return started;
  const { total } = started;
  return {
    ...started,
    message:
      total === 0
        ? 'Nothing matched any more, so there was nothing to replay.'
        : `Replay started for ${total === 1 ? '1 transaction' : `${total} transactions`}.`,
  };
}

export type ProgressAnswer = ActionFailure | ({ ok: true } & ReplayProgress);

const batchInput = z.uuid('unknown batch');

/** Polled by the progress bar while a batch started here runs. */
export async function readReplayProgress(batchId: string): Promise<ProgressAnswer> {
  const ctx = serverContext();
  try {
    const actor = await requireActor('transactions.replay');
    const progress = await findReplayProgress(ctx.db, actor.tenantId, batchInput.parse(batchId));
    return progress ? { ok: true, ...progress } : failed(404, 'This replay batch does not exist.');
  } catch (error) {
    return actionFailure(error, ctx.log, 'replay transactions');
  }
}

/** A group is a replay filter that names both its flow and its class (never "everything"). */
const parseGroupFilter = (fields: ReturnType<typeof formFields>) =>
  groupFilterSchema.parse(parseReplayFilter(fields));

export type DecisionAnswer = ActionFailure | { ok: true; message: string };

const decisionInput = z.object({
  decision: z.enum(['resolve', 'ignore'], 'choose resolve or ignore'),
  note: operatorNoteSchema,
});

/** Counts what resolve or ignore would touch, for the confirmation. */
export async function previewGroupDecision(form: FormData): Promise<PreviewAnswer> {
  const ctx = serverContext();
  try {
    const actor = await requireActor('transactions.resolve');
    const filter = parseGroupFilter(formFields(form));
    const count = await countByFilter(ctx.db, actor.tenantId, filter);
    return { ok: true, count, fields: replayFilterFields(filter) };
  } catch (error) {
    return actionFailure(error, ctx.log, 'resolve transactions');
  }
}

/** Resolve (completed, fixed by hand) or ignore (cancelled, will not be delivered) a group. */
export async function decideGroup(
  _previous: DecisionAnswer | null,
  form: FormData,
): Promise<DecisionAnswer> {
  const ctx = serverContext();
  try {
    const actor = await requireActor('transactions.resolve');
    const fields = formFields(form);
    const filter = parseGroupFilter(fields);
    const { decision, note } = decisionInput.parse(fields);
    const outcome = await resolveByFilter(ctx.db, actor.tenantId, {
      filter,
      decision,
      actor: { id: actor.userId, label: actor.name },
      note,
      audit: { requestId: requestIdOf(await headers()) },
    });
    revalidatePath('/errors');
    const done = decision === 'resolve' ? 'Resolved' : 'Ignored';
    const moved = outcome.applied === 1 ? '1 transaction' : `${outcome.applied} transactions`;
    const skipped =
      outcome.skipped > 0 ? ` ${outcome.skipped} had moved on meanwhile and were left alone.` : '';
    return { ok: true, message: `${done} ${moved}.${skipped}` };
  } catch (error) {
    return actionFailure(
      error,
      ctx.log,
      // A direct call may pass anything as the form: never let the error path throw.
      form instanceof FormData && form.get('decision') === 'ignore'
        ? 'ignore transactions'
        : 'resolve transactions',
    );
  }
}
