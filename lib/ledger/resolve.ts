// Resolve: a person states that a failed or reviewed transaction is handled (fixed in the target
// by hand, or not needed). It becomes completed; the note says how, on the timeline, with the name,
// and the audit log records the action in the same database transaction.
import { z } from 'zod';
import type { Db, TransactionStatus } from '@/lib/db';
import { humanTransition, type BulkOutcome } from './human-transition';
import { auditBulkAction, type AuditContext } from './operator-audit';
import type { Operator } from './operator';
import type { SqlRunner } from './transition';

export const RESOLVABLE: readonly TransactionStatus[] = ['failed', 'needs_review'];

export const operatorNoteSchema = z
  .string()
  .trim()
  .min(3, 'write a note (at least 3 characters): it goes on the timeline with your name')
  .max(500, 'keep the note under 500 characters');

export async function resolveTransactions(
  db: Db,
  tenantId: string,
  ids: readonly string[],
  input: { actor: Operator; note: string; audit?: AuditContext },
): Promise<BulkOutcome> {
  const note = operatorNoteSchema.parse(input.note);
  return db.$transaction(async (tx) => {
    const outcome = await resolveMove(tx, tenantId, ids, { actor: input.actor, note });
    await auditBulkAction(tx, tenantId, {
      action: 'transaction.resolved',
      actor: input.actor,
      reason: note,
      outcome,
      audit: input.audit,
    });
    return outcome;
  });
}

/** The move alone, inside the caller's transaction (which audits it): group decisions use it. */
export function resolveMove(
  tx: SqlRunner,
  tenantId: string,
  ids: readonly string[],
  input: { actor: Operator; note: string },
): Promise<BulkOutcome> {
  return humanTransition(tx, tenantId, ids, {
    to: 'completed',
    from: RESOLVABLE,
    actor: input.actor.id,
    reason: `resolved by ${input.actor.label}: ${input.note}`,
    fact: {
      kind: 'human_action',
      type: 'resolve.recorded',
      summary: `${input.actor.label} resolved this transaction: ${input.note}`,
      actor: input.actor.id,
      data: { note: input.note, by: input.actor.label },
    },
    extra: { nextAttemptAt: null },
  });
}
