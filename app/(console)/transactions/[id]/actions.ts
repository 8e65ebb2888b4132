'use server';

// A person acts on one transaction: replay it (sent through dispatch again, with a reason), resolve
// or cancel it with a note, add a note, or (admins) reveal its masked payloads with a reason.
// Every reason and note goes on its timeline with the person's name, and every action into the
// audit log. defineAction checks the permission here, not only by hiding the form: anyone can POST
// to an action.
import { z } from 'zod';
import { replayOne, replayReasonSchema } from '@/lib/engine/replay';
import { tenantDb } from '@/lib/db';
import { failed, succeeded, type ActionFailure, type ActionResult } from '@/lib/http/action-result';
import { defineAction, defineFormAction } from '@/lib/http/define-action';
import { addNote } from '@/lib/ledger/add-note';
import { cancelTransactions } from '@/lib/ledger/cancel';
import { operatorNoteSchema, resolveTransactions } from '@/lib/ledger/resolve';
import {
  revealReasonSchema,
  revealTransactionPayloads,
  type RevealedPayloads,
} from '@/lib/ledger/reveal-payloads';
import { describeOutcome, singleOutcome, type OperatorMove } from '@/lib/ledger/single-outcome';

const transactionId = z.uuid('unknown transaction');
// A refusal may mean someone else moved it meanwhile: the page refreshes to show where it is.
const itsPage = (input: { transactionId: string }) => [`/transactions/${input.transactionId}`];

export const replayTransaction = defineFormAction({
  permission: 'transactions.replay',
  doing: 'replay transactions',
  input: z.object({
    transactionId,
    reason: replayReasonSchema.max(500, 'keep the reason under 500 characters'),
  }),
  revalidate: itsPage,
  async run({ ctx, actor, operator, audit, input }): Promise<ActionResult> {
    const { reason } = input;
    const result = await replayOne(ctx.db, actor.tenantId, input.transactionId, {
      actor: operator,
      reason,
      audit,
      wake: ctx.wake,
    });
    switch (result.kind) {
      case 'replayed':
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
  },
});

const noteInput = z.object({ transactionId, note: operatorNoteSchema });

function answer(move: OperatorMove, outcome: Parameters<typeof describeOutcome>[1]): ActionResult {
  const { status, message } = describeOutcome(move, outcome);
  return status === 200 ? succeeded(message) : failed(status, message);
}

/** Resolve with a note: failed or needs review becomes completed, with who and why. */
export const resolveTransaction = defineAction({
  permission: 'transactions.resolve',
  doing: 'resolve transactions',
  input: noteInput,
  revalidate: itsPage,
  async run({ ctx, actor, operator, audit, input }) {
    const outcome = await resolveTransactions(ctx.db, actor.tenantId, [input.transactionId], {
      actor: operator,
      note: input.note,
      audit,
    });
    return answer('resolve', singleOutcome(outcome, input.transactionId));
  },
});

/** Cancel with a note: any status that is not final; nothing is dispatched after it commits. */
export const cancelTransaction = defineAction({
  permission: 'transactions.cancel',
  doing: 'cancel transactions',
  input: noteInput,
  revalidate: itsPage,
  async run({ ctx, actor, operator, audit, input }) {
    const outcome = await cancelTransactions(ctx.db, actor.tenantId, [input.transactionId], {
      actor: operator,
      note: input.note,
      audit,
    });
    return answer('cancel', singleOutcome(outcome, input.transactionId));
  },
});

/** A note on the timeline; the status stays as it is. */
export const addTransactionNote = defineAction({
  permission: 'transactions.note',
  doing: 'add notes',
  input: noteInput,
  revalidate: itsPage,
  async run({ ctx, actor, operator, audit, input }): Promise<ActionResult> {
    const scoped = tenantDb(ctx.db, actor.tenantId);
    const result = await addNote(scoped, actor.tenantId, input.transactionId, {
      actor: operator,
      note: input.note,
      audit,
    });
    if (result.kind === 'not_found') return failed(404, 'This transaction does not exist.');
    return succeeded('Note added to the timeline.');
  },
});

export type RevealAnswer = ActionFailure | { ok: true; revealed: RevealedPayloads };

/** Admins only: this transaction's payloads without the connections' masking rules, for this
 *  view. Recorded in the audit log with the reason; nothing unmasked is stored anywhere. */
export const revealPayloads = defineAction({
  permission: 'personal_data.reveal',
  doing: 'reveal masked payloads',
  input: z.object({ transactionId, reason: revealReasonSchema }),
  async run({ ctx, actor, audit, input }): Promise<{ ok: true; revealed: RevealedPayloads }> {
    const revealed = await revealTransactionPayloads(ctx.db, actor.tenantId, input.transactionId, {
      actor,
      reason: input.reason,
      audit,
      onInvalidRule: (rule) => ctx.log.warn({ rule }, 'masking rule ignored'),
    });
    return { ok: true, revealed };
  },
});
