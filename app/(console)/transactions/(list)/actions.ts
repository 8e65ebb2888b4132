'use server';

// Bulk actions on the rows a person selected in the Transactions table: replay, resolve, cancel,
// each with a reason that goes on every touched timeline. The permission is checked here, not
// only by hiding the buttons: anyone can call a server action.
import { revalidatePath } from 'next/cache';
import { headers } from 'next/headers';
import { z } from 'zod';
import type { Permission } from '@/lib/base/permissions';
import { requireActor } from '@/lib/auth/session';
import { replayByIds, replayReasonSchema } from '@/lib/engine/replay';
import { actionFailure, succeeded, type ActionResult } from '@/lib/http/action-result';
import { requestIdOf } from '@/lib/base/request-id';
import { bulkIdsSchema, describeBulkOutcome, type BulkAction } from '@/lib/ledger/bulk-action';
import { cancelTransactions } from '@/lib/ledger/cancel';
import { resolveTransactions, operatorNoteSchema } from '@/lib/ledger/resolve';
import { serverContext } from '@/lib/server/context';

const input = (note: z.ZodType<string>) => z.object({ ids: bulkIdsSchema, note });

const SPEC = {
  replay: {
    permission: 'transactions.replay',
    doing: 'replay transactions',
    schema: input(replayReasonSchema.max(500, 'keep the reason under 500 characters')),
  },
  resolve: {
    permission: 'transactions.resolve',
    doing: 'resolve transactions',
    schema: input(operatorNoteSchema),
  },
  cancel: {
    permission: 'transactions.cancel',
    doing: 'cancel transactions',
    schema: input(operatorNoteSchema),
  },
} satisfies Record<BulkAction, { permission: Permission; doing: string; schema: z.ZodType }>;

async function bulk(action: BulkAction, raw: unknown): Promise<ActionResult> {
  const ctx = serverContext();
  const spec = SPEC[action];
  try {
    const actor = await requireActor(spec.permission);
    const { ids, note } = spec.schema.parse(raw);
    const operator = {
      actor: { id: actor.userId, label: actor.name },
      wake: ctx.wake,
      audit: { requestId: requestIdOf(await headers()) },
    };
    let outcome;
    switch (action) {
      case 'replay':
        outcome = await replayByIds(ctx.db, actor.tenantId, ids, { ...operator, reason: note });
        break;
      case 'resolve':
        outcome = await resolveTransactions(ctx.db, actor.tenantId, ids, { ...operator, note });
        break;
      case 'cancel':
        outcome = await cancelTransactions(ctx.db, actor.tenantId, ids, { ...operator, note });
        break;
      default: {
        const exhaustive: never = action;
        return exhaustive;
      }
    }
    revalidatePath('/transactions');
    return succeeded(describeBulkOutcome(action, outcome));
  } catch (error) {
    return actionFailure(error, ctx.log, spec.doing);
  }
}

/** `{ ids: string[] (1..1000), note: string }` -> "Replayed 12 · 3 skipped (already completed)" */
export async function replaySelected(raw: unknown): Promise<ActionResult> {
  return bulk('replay', raw);
}

export async function resolveSelected(raw: unknown): Promise<ActionResult> {
  return bulk('resolve', raw);
}

export async function cancelSelected(raw: unknown): Promise<ActionResult> {
  return bulk('cancel', raw);
}
