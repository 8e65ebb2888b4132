// Cancel: a person stops a transaction that should not happen (the order was voided elsewhere).
// Any status that is not final can be cancelled; its outbox row goes with the same statement, so
// nothing is dispatched after the cancel commits. A command already on the wire still lands at
// the provider; its answer is recorded but cannot move the transaction back. The audit entry is
// written in the same database transaction.
import type { Db, TransactionStatus } from '@/lib/db';
import { humanTransition, type BulkOutcome } from './human-transition';
import { auditBulkAction, type AuditContext } from './operator-audit';
import type { Operator } from './operator';
import { operatorNoteSchema } from './resolve';
import { TERMINAL, ALL_STATUSES } from './status';

export const CANCELLABLE: readonly TransactionStatus[] = ALL_STATUSES.filter(
  (s) => !TERMINAL.has(s),
);

export async function cancelTransactions(
  db: Db,
  tenantId: string,
  ids: readonly string[],
  input: { actor: Operator; note: string; audit?: AuditContext },
): Promise<BulkOutcome> {
  const note = operatorNoteSchema.parse(input.note);
  const { actor } = input;
  return db.$transaction(async (tx) => {
    const outcome = await humanTransition(tx, tenantId, ids, {
      to: 'cancelled',
      from: CANCELLABLE,
      actor: actor.id,
      reason: `cancelled by ${actor.label}: ${note}`,
      fact: {
        kind: 'human_action',
        type: 'cancel.recorded',
        summary: `${actor.label} cancelled this transaction: ${note}`,
        actor: actor.id,
        data: { note, by: actor.label },
      },
      extra: { nextAttemptAt: null },
    });
    await auditBulkAction(tx, tenantId, {
      action: 'transaction.cancelled',
      actor,
      reason: note,
      outcome,
      audit: input.audit,
    });
    return outcome;
  });
}
