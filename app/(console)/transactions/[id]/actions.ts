'use server';

// A person acts on one transaction: replay it (sent through dispatch again, with a reason), resolve
// or cancel it with a note, add a note, or (admins) reveal its masked payloads with a reason.
// Every reason and note goes on its timeline with the person's name, and every action into the
// audit log. The permission is checked here, not only by hiding the form: anyone can POST to an
// action.
import { revalidatePath } from 'next/cache';
import { headers } from 'next/headers';
import { z } from 'zod';
import { requireActor } from '@/lib/auth/session';
import { replayOne, replayReasonSchema } from '@/lib/engine/replay';
import { tenantDb } from '@/lib/db';
import {
  actionFailure,
  failed,
  succeeded,
  type ActionFailure,
  type ActionResult,
} from '@/lib/http/action-result';
import { requestIdOf } from '@/lib/base/request-id';
import { addNote } from '@/lib/ledger/add-note';
import { cancelTransactions } from '@/lib/ledger/cancel';
import { operatorNoteSchema, resolveTransactions } from '@/lib/ledger/resolve';
import {
  revealReasonSchema,
  revealTransactionPayloads,
  type RevealedPayloads,
} from '@/lib/ledger/reveal-payloads';
import {
  describeOutcome,
  singleOutcome,
  type OperatorMove,
  type SingleOutcome,
} from '@/lib/ledger/single-outcome';
import { serverContext } from '@/lib/server/context';

const replayInput = z.object({
  transactionId: z.uuid('unknown transaction'),
  reason: replayReasonSchema.max(500, 'keep the reason under 500 characters'),
});

export async function replayTransaction(
  _previous: ActionResult | null,
  form: FormData,
): Promise<ActionResult> {
  const ctx = serverContext();
  try {
    const actor = await requireActor('transactions.replay');
    const { transactionId, reason } = replayInput.parse({
      transactionId: form.get('transactionId') ?? undefined,
      reason: form.get('reason') ?? undefined,
    });
    const result = await replayOne(ctx.db, actor.tenantId, transactionId, {
      actor: { id: actor.userId, label: actor.name },
      wake: ctx.wake,
      reason,
      audit: { requestId: requestIdOf(await headers()) },
    });
    switch (result.kind) {
      case 'replayed':
        revalidatePath(`/transactions/${transactionId}`);
        return succeeded(`Replay requested: “${reason}”. The transaction is back in the queue.`);
      case 'not_replayable':
        return failed(
          409,
          `Not replayed: the transaction is ${result.status.replace('_', ' ')} now. Only failed, needs review or paused transactions can be replayed.`,
        );
      case 'not_found':
        return failed(404, 'This transaction does not exist.');
      default: {
        const exhaustive: never = result;
        return exhaustive;
      }
    }
  } catch (error) {
    return actionFailure(error, ctx.log, 'replay transactions');
  }
}

const noteInput = z.object({
  transactionId: z.uuid('unknown transaction'),
  note: operatorNoteSchema,
});

/** Resolve with a note: failed or needs review becomes completed, with who and why. */
export async function resolveTransaction(input: {
  transactionId: string;
  note: string;
}): Promise<ActionResult> {
  const ctx = serverContext();
  try {
    const actor = await requireActor('transactions.resolve');
    const { transactionId, note } = noteInput.parse(input);
    const outcome = await resolveTransactions(ctx.db, actor.tenantId, [transactionId], {
      actor: { id: actor.userId, label: actor.name },
      note,
      audit: { requestId: requestIdOf(await headers()) },
    });
    return answer('resolve', singleOutcome(outcome, transactionId), transactionId);
  } catch (error) {
    return actionFailure(error, ctx.log, 'resolve transactions');
  }
}

/** Cancel with a note: any status that is not final; nothing is dispatched after it commits. */
export async function cancelTransaction(input: {
  transactionId: string;
  note: string;
}): Promise<ActionResult> {
  const ctx = serverContext();
  try {
    const actor = await requireActor('transactions.cancel');
    const { transactionId, note } = noteInput.parse(input);
    const outcome = await cancelTransactions(ctx.db, actor.tenantId, [transactionId], {
      actor: { id: actor.userId, label: actor.name },
      note,
      audit: { requestId: requestIdOf(await headers()) },
    });
    return answer('cancel', singleOutcome(outcome, transactionId), transactionId);
  } catch (error) {
    return actionFailure(error, ctx.log, 'cancel transactions');
  }
}

/** A note on the timeline; the status stays as it is. */
export async function addTransactionNote(input: {
  transactionId: string;
  note: string;
}): Promise<ActionResult> {
  const ctx = serverContext();
  try {
    const actor = await requireActor('transactions.note');
    const { transactionId, note } = noteInput.parse(input);
    const result = await addNote(tenantDb(ctx.db, actor.tenantId), actor.tenantId, transactionId, {
      actor: { id: actor.userId, label: actor.name },
      note,
      audit: { requestId: requestIdOf(await headers()) },
    });
    if (result.kind === 'not_found') return failed(404, 'This transaction does not exist.');
    revalidatePath(`/transactions/${transactionId}`);
    return succeeded('Note added to the timeline.');
  } catch (error) {
    return actionFailure(error, ctx.log, 'add notes');
  }
}

function answer(move: OperatorMove, outcome: SingleOutcome, transactionId: string): ActionResult {
  const { status, message } = describeOutcome(move, outcome);
  // A refusal may mean someone else moved it meanwhile: refresh so the page shows where it is.
  revalidatePath(`/transactions/${transactionId}`);
  return status === 200 ? succeeded(message) : failed(status, message);
}

const revealInput = z.object({
  transactionId: z.uuid('unknown transaction'),
  reason: revealReasonSchema,
});

export type RevealAnswer = ActionFailure | { ok: true; revealed: RevealedPayloads };

/** Admins only: this transaction's payloads without the connections' masking rules, for this
 *  view. Recorded in the audit log with the reason; nothing unmasked is stored anywhere. */
export async function revealPayloads(input: {
  transactionId: string;
  reason: string;
}): Promise<RevealAnswer> {
  const ctx = serverContext();
  try {
    const actor = await requireActor('personal_data.reveal');
    const { transactionId, reason } = revealInput.parse(input);
    const revealed = await revealTransactionPayloads(ctx.db, actor.tenantId, transactionId, {
      actor,
      reason,
      audit: { requestId: requestIdOf(await headers()) },
      onInvalidRule: (rule) => ctx.log.warn({ rule }, 'masking rule ignored'),
    });
    return { ok: true, revealed };
  } catch (error) {
    return actionFailure(error, ctx.log, 'reveal masked payloads');
  }
}
