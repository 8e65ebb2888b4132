// Resolve: a person states that a failed or reviewed transaction is handled (fixed in the target
// by hand, or not needed). It becomes completed; the note says how, on the timeline, with the name.
import { z } from 'zod';
import type { TransactionStatus } from '@/lib/db';
import { humanTransition, type BulkOutcome } from './human-transition';
import type { Operator } from './operator';
import type { SqlRunner } from './transition';

export const RESOLVABLE: readonly TransactionStatus[] = ['failed', 'needs_review'];

export const operatorNoteSchema = z
  .string()
  .trim()
  .min(3, 'write a note (at least 3 characters): it goes on the timeline with your name')
  .max(500, 'keep the note under 500 characters');

export async function resolveTransactions(
  db: SqlRunner,
  tenantId: string,
  ids: readonly string[],
  input: { actor: Operator; note: string },
): Promise<BulkOutcome> {
  const note = operatorNoteSchema.parse(input.note);
  return humanTransition(db, tenantId, ids, {
    to: 'completed',
    from: RESOLVABLE,
    actor: input.actor.id,
    reason: `resolved by ${input.actor.label}: ${note}`,
    fact: {
      kind: 'human_action',
      type: 'resolve.recorded',
      summary: `${input.actor.label} resolved this transaction: ${note}`,
      actor: input.actor.id,
      data: { note, by: input.actor.label },
    },
    extra: { nextAttemptAt: null },
  });
}
