'use server';

// Bulk actions on the rows a person selected in the Transactions table: replay, resolve, cancel,
// each with a reason that goes on every touched timeline. defineAction checks the permission here,
// not only by hiding the buttons: anyone can call a server action.
import { z } from 'zod';
import { replayByIds, replayReasonSchema } from '@/lib/engine/replay';
import { succeeded } from '@/lib/http/action-result';
import { defineAction } from '@/lib/http/define-action';
import { bulkIdsSchema, describeBulkOutcome } from '@/lib/ledger/bulk-action';
import { cancelTransactions } from '@/lib/ledger/cancel';
import { resolveTransactions, operatorNoteSchema } from '@/lib/ledger/resolve';

const bulkInput = (note: z.ZodType<string>) => z.object({ ids: bulkIdsSchema, note });

/** `{ ids: string[] (1..1000), note: string }` -> "Replayed 12 · 3 skipped (already completed)" */
export const replaySelected = defineAction({
  permission: 'transactions.replay',
  doing: 'replay transactions',
  input: bulkInput(replayReasonSchema.max(500, 'keep the reason under 500 characters')),
  revalidate: ['/transactions'],
  async run({ ctx, actor, operator, audit, input: { ids, note } }) {
    const outcome = await replayByIds(ctx.db, actor.tenantId, ids, {
      actor: operator,
      wake: ctx.wake,
      audit,
      reason: note,
    });
    return succeeded(describeBulkOutcome('replay', outcome));
  },
});

export const resolveSelected = defineAction({
  permission: 'transactions.resolve',
  doing: 'resolve transactions',
  input: bulkInput(operatorNoteSchema),
  revalidate: ['/transactions'],
  async run({ ctx, actor, operator, audit, input: { ids, note } }) {
    const outcome = await resolveTransactions(ctx.db, actor.tenantId, ids, {
      actor: operator,
      audit,
      note,
    });
    return succeeded(describeBulkOutcome('resolve', outcome));
  },
});

export const cancelSelected = defineAction({
  permission: 'transactions.cancel',
  doing: 'cancel transactions',
  input: bulkInput(operatorNoteSchema),
  revalidate: ['/transactions'],
  async run({ ctx, actor, operator, audit, input: { ids, note } }) {
    const outcome = await cancelTransactions(ctx.db, actor.tenantId, ids, {
      actor: operator,
      audit,
      note,
    });
    return succeeded(describeBulkOutcome('cancel', outcome));
  },
});
