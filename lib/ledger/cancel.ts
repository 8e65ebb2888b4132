// Cancel: a person stops a transaction that should not happen (the order was voided elsewhere).
// Any status that is not final can be cancelled; its outbox row goes with the same statement, so
// nothing is dispatched after the cancel commits. A command already on the wire still lands at
// the provider; its answer is recorded but cannot move the transaction back.
import type { TransactionStatus } from '@/lib/db';
import { humanTransition, type BulkOutcome } from './human-transition';
import type { Operator } from './operator';
import { operatorNoteSchema } from './resolve';
import { TERMINAL, ALL_STATUSES } from './status';
import type { SqlRunner } from './transition';

export const CANCELLABLE: readonly TransactionStatus[] = ALL_STATUSES.filter(
  (s) => !TERMINAL.has(s),
);

export async function cancelTransactions(
  db: SqlRunner,
  tenantId: string,
  ids: readonly string[],
  input: { actor: Operator; note: string },
): Promise<BulkOutcome> {
  const note = operatorNoteSchema.parse(input.note);
  return humanTransition(db, tenantId, ids, {
    to: 'cancelled',
    from: CANCELLABLE,
    actor: input.actor.id,
    reason: `cancelled by ${input.actor.label}: ${note}`,
    fact: {
      kind: 'human_action',
      type: 'cancel.recorded',
      summary: `${input.actor.label} cancelled this transaction: ${note}`,
      actor: input.actor.id,
      data: { note, by: input.actor.label },
    },
    extra: { nextAttemptAt: null },
  });
}
