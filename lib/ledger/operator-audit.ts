// The audit side of a person's action on transactions (replay, resolve, cancel, note, group
// decisions): the entry is written with the same interactive transaction as the change, so it
// exists exactly when the change committed. Only applied changes are recorded: an action that
// moved nothing (every id skipped or unknown) writes no entry, and one that failed rolls back
// together with its entry.
import { auditActorOf, recordAudit, type AuditEvent, type AuditTx } from '@/lib/audit';
import type { BulkOutcome } from './human-transition';
import type { Operator } from './operator';

/** What the caller knows about the request that caused the action. */
export interface AuditContext {
  /** the x-request-id (requestIdOf(headers)); null from scripts and tests */
  requestId?: string | null;
}

/** An audit entry lists at most this many ids; the counts are always complete. */
export const AUDIT_ID_CAP = 1000;

type BulkAction = Extract<
  AuditEvent,
  { objectType: 'transaction'; reason: string; after?: unknown }
>['action'];

/**
 * One entry for one action on a selection: the transaction itself when exactly one moved (so the
 * entry is found by that transaction's id), 'bulk' otherwise, with the moved ids and the counts.
 * Nothing applied -> nothing recorded.
 */
export async function auditBulkAction(
  tx: AuditTx,
  tenantId: string,
  input: {
    action: BulkAction;
    actor: Operator;
    reason: string;
    outcome: BulkOutcome;
    audit?: AuditContext;
  },
): Promise<void> {
  const { applied } = input.outcome;
  if (applied.length === 0) return;
  await recordAudit(tx, {
    tenantId,
    actor: auditActorOf(input.actor),
    requestId: input.audit?.requestId ?? null,
    event: {
      action: input.action,
      objectType: 'transaction',
      objectId: applied.length === 1 && applied[0] ? applied[0] : 'bulk',
      reason: input.reason,
      after: bulkCounts(input.outcome),
    },
  });
}

/** The `after` snapshot of a bulk action: ids (capped) and complete counts. */
export function bulkCounts(outcome: Pick<BulkOutcome, 'applied' | 'skipped' | 'notFound'>) {
  return {
    ids: outcome.applied.slice(0, AUDIT_ID_CAP),
    idsTruncated: outcome.applied.length > AUDIT_ID_CAP,
    applied: outcome.applied.length,
    skipped: outcome.skipped.length,
    notFound: outcome.notFound.length,
  };
}
