// Replay: a person sends a failed or reviewed transaction through dispatch again. The transaction
// keeps its idempotency key (the provider recognises a command it already applied; providers
// without keys are looked up first), gets a fresh attempt budget, and its timeline records who
// replayed it, why, and in which batch. A person's replay (one, or a selection) is audited in the
// same database transaction; the chunks a worker runs for a batch are not (the batch's start and
// cancel are: lib/engine/replay-batch.ts).
import { z } from 'zod';
import { auditActorOf, recordAudit } from '@/lib/audit';
import type { Db, TransactionStatus } from '@/lib/db';
import { humanTransition, type BulkOutcome } from '@/lib/ledger/human-transition';
import { auditBulkAction, type AuditContext } from '@/lib/ledger/operator-audit';
import type { Operator } from '@/lib/ledger/operator';
import type { WakeDrains } from '@/lib/queue/wake-drains';
import { transitionMany, type SqlRunner, type TransitionVerdict } from '@/lib/ledger/transition';

export const REPLAYABLE: readonly TransactionStatus[] = ['failed', 'needs_review', 'paused'];

export type Actor = Operator;

export const replayReasonSchema = z
  .string()
  .trim()
  .min(3, 'say why (at least 3 characters): the reason goes on every replayed transaction');

export interface ReplayTarget {
  transactionId: string;
  status: TransactionStatus;
}

/** Replays the given transactions (each from the status the caller read); one statement. */
export async function replayTransactions(
  db: SqlRunner,
  tenantId: string,
  targets: readonly ReplayTarget[],
  input: { actor: Actor; reason: string; batchId?: string },
): Promise<TransitionVerdict[]> {
  const reason = replayReasonSchema.parse(input.reason);
  const via = input.batchId ? ` (replay batch ${input.batchId})` : '';
  return transitionMany(
    db,
    targets.map((t) => ({
      tenantId,
      transactionId: t.transactionId,
      from: t.status,
      to: 'received' as const,
      actor: input.actor.id,
      reason: `replayed by ${input.actor.label}${via}: ${reason}`,
      attempts: 0,
      errorClass: null,
      lastError: null,
      nextAttemptAt: null,
      facts: [
        {
          kind: 'human_action' as const,
          type: 'replay.requested',
          summary: `${input.actor.label} replayed this transaction${via}: ${reason}`,
          actor: input.actor.id,
          data: { reason, by: input.actor.label, ...(input.batchId && { batchId: input.batchId }) },
        },
      ],
    })),
  );
}

/** Replays one transaction; answers what happened and which connection now has work. */
export async function replayOne(
  db: Db,
  tenantId: string,
  transactionId: string,
  input: { actor: Actor; reason: string; audit?: AuditContext; wake: WakeDrains },
): Promise<
  | { kind: 'replayed'; connectionId: string }
  | { kind: 'not_replayable'; status: TransactionStatus }
  | { kind: 'not_found' }
> {
  const reason = replayReasonSchema.parse(input.reason);
  const result = await db.$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<{ status: TransactionStatus; connection_id: string }[]>`
      SELECT t.status::text AS status, f.target_connection_id::text AS connection_id
      FROM transactions t JOIN flows f ON f.id = t.flow_id
      WHERE t.id = ${transactionId}::uuid AND t.tenant_id = ${tenantId}::uuid`;
    if (!row) return { kind: 'not_found' as const };
    if (!REPLAYABLE.includes(row.status))
      return { kind: 'not_replayable' as const, status: row.status };
    const [verdict] = await replayTransactions(
      tx,
      tenantId,
      [{ transactionId, status: row.status }],
      { actor: input.actor, reason },
    );
    if (verdict?.kind !== 'applied')
      return verdict?.kind === 'refused'
        ? { kind: 'not_replayable' as const, status: verdict.from }
        : { kind: 'not_found' as const };
    await recordAudit(tx, {
      tenantId,
      actor: auditActorOf(input.actor),
      requestId: input.audit?.requestId ?? null,
      event: {
        action: 'transaction.replayed',
        objectType: 'transaction',
        objectId: transactionId,
        reason,
        after: { from: row.status, to: 'received' },
      },
    });
    return { kind: 'replayed' as const, connectionId: row.connection_id };
  });
  if (result.kind === 'replayed') await input.wake(tenantId, [result.connectionId]);
  return result;
}

/** Replays the chosen transactions (a selection in the table): each from the status it has now. */
export async function replayByIds(
  db: Db,
  tenantId: string,
  ids: readonly string[],
  input: { actor: Actor; reason: string; audit?: AuditContext; wake: WakeDrains },
): Promise<BulkOutcome> {
  const reason = replayReasonSchema.parse(input.reason);
  const outcome = await db.$transaction(async (tx) => {
    const outcome = await humanTransition(tx, tenantId, ids, {
      to: 'received',
      from: REPLAYABLE,
      actor: input.actor.id,
      reason: `replayed by ${input.actor.label}: ${reason}`,
      fact: {
        kind: 'human_action',
        type: 'replay.requested',
        summary: `${input.actor.label} replayed this transaction: ${reason}`,
        actor: input.actor.id,
        data: { reason, by: input.actor.label },
      },
      extra: { attempts: 0, errorClass: null, lastError: null, nextAttemptAt: null },
    });
    await auditBulkAction(tx, tenantId, {
      action: 'transaction.replayed',
      actor: input.actor,
      reason,
      outcome,
      audit: input.audit,
    });
    return outcome;
  });
  await input.wake(tenantId, outcome.connectionIds);
  return outcome;
}
