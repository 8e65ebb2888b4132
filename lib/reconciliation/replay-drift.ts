// Replay for drift on the target side (missing_in_target, status or field mismatch): the affected
// transactions go through dispatch again with their idempotency key, like the console's replay,
// with the drift named on their timeline. The state machine allows a replay only from failed,
// needs review or paused: a completed transaction is skipped and its item stays open (replaying a
// completed transaction is a product decision the state machine does not make yet).
import { auditActorOf, recordAudit } from '@/lib/audit';
import type { Db, DriftKind, TransactionStatus } from '@/lib/db';
import { REPLAYABLE, replayReasonSchema } from '@/lib/engine/replay';
import { humanTransition } from '@/lib/ledger/human-transition';
import type { AuditContext } from '@/lib/ledger/operator-audit';
import type { Operator } from '@/lib/ledger/operator';
import type { WakeDrains } from '@/lib/queue/wake-drains';
import { selectionWhere, type DriftSelection } from './drift-selection';

export const REPLAYABLE_DRIFT: readonly DriftKind[] = [
  'missing_in_target',
  'status_mismatch',
  'field_mismatch',
];

export interface ReplayDriftOutcome {
  replayed: number;
  /** items whose transaction may not be replayed from where it is */
  skipped: { itemId: string; status: TransactionStatus | null }[];
  connectionIds: string[];
}

export async function replayDrift(
  db: Db,
  tenantId: string,
  input: {
    selection: DriftSelection;
    reason: string;
    actor: Operator;
    audit?: AuditContext;
    wake: WakeDrains;
  },
): Promise<ReplayDriftOutcome> {
  const reason = replayReasonSchema.parse(input.reason);
  const result = await db.$transaction(async (tx) => {
    const items = await tx.driftItem.findMany({
      where: selectionWhere(tenantId, input.selection, REPLAYABLE_DRIFT),
      select: { id: true, transactionId: true, runId: true, kind: true },
    });
    const txnIds = items.flatMap((i) => (i.transactionId ? [i.transactionId] : []));
    const outcome = await humanTransition(tx, tenantId, txnIds, {
      to: 'received',
      from: REPLAYABLE,
      actor: input.actor.id,
      reason: `replayed by ${input.actor.label} after reconciliation: ${reason}`,
      fact: {
        kind: 'human_action',
        type: 'replay.requested',
        summary: `${input.actor.label} replayed this transaction after reconciliation found drift: ${reason}`,
        actor: input.actor.id,
        data: { reason, by: input.actor.label, source: 'reconciliation' },
      },
      extra: { attempts: 0, errorClass: null, lastError: null, nextAttemptAt: null },
    });
    const applied = new Set(outcome.applied);
    const done = items.filter((i) => i.transactionId && applied.has(i.transactionId));
    const status = new Map(outcome.skipped.map((s) => [s.id, s.status]));
    const skipped = items
      .filter((i) => !done.includes(i))
      .map((i) => ({
        itemId: i.id,
        status: (i.transactionId && status.get(i.transactionId)) || null,
      }));
    if (done.length === 0) return { replayed: 0, skipped, connectionIds: [] };
    await tx.driftItem.updateMany({
      where: { tenantId, state: 'open', id: { in: done.map((i) => i.id) } },
      data: {
        state: 'replayed',
        decidedBy: input.actor.label,
        decidedAt: new Date(),
        note: reason,
      },
    });
    const only = done.length === 1 ? done[0] : undefined;
    await recordAudit(tx, {
      tenantId,
      actor: auditActorOf(input.actor),
      requestId: input.audit?.requestId ?? null,
      event: {
        action: 'drift.replayed',
        objectType: 'drift_item',
        objectId: only ? only.id : 'bulk',
        reason,
        after: {
          replayed: done.length,
          skipped: skipped.length,
          transactionIds: done.slice(0, 1000).map((i) => i.transactionId),
        },
      },
    });
    return { replayed: done.length, skipped, connectionIds: outcome.connectionIds };
  });
  await input.wake(tenantId, result.connectionIds);
  return result;
}
