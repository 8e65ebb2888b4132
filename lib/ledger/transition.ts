// THE one function that changes a transaction's status. It updates the row only if the current
// status may move to the target (a guarded UPDATE, so concurrent writers cannot both win), and
// appends the state change plus any accompanying facts to the timeline in the same database
// transaction. Callers get a verdict value, never a half-applied change.
import type { ErrorClass, Prisma, TenantTx, TransactionStatus } from '@/lib/db';
import { canTransition } from './status';
import { appendTimeline, type TimelineFact } from './timeline';

export interface TransitionRequest {
  tenantId: string;
  transactionId: string;
  to: TransactionStatus;
  /** the status the caller just read; the update applies only if it is still current */
  from?: TransactionStatus;
  reason: string;
  actor?: string;
  errorClass?: ErrorClass | null;
  lastError?: string | null;
  attempts?: number;
  nextAttemptAt?: Date | null;
  externalRefs?: Prisma.InputJsonValue;
  mappingVersionId?: string;
  /** facts recorded with the change (command sent, provider answered...), in order */
  facts?: TimelineFact[];
  data?: Prisma.InputJsonValue;
}

export type TransitionVerdict =
  | { kind: 'applied'; from: TransactionStatus; to: TransactionStatus }
  | { kind: 'refused'; from: TransactionStatus; to: TransactionStatus }
  | { kind: 'not_found' };

export async function transition(tx: TenantTx, req: TransitionRequest): Promise<TransitionVerdict> {
  let from = req.from;
  if (!from) {
    const current = await tx.transaction.findUnique({
      where: { id: req.transactionId },
      select: { status: true },
    });
    if (!current) return { kind: 'not_found' };
    from = current.status;
  }
  if (!canTransition(from, req.to)) return { kind: 'refused', from, to: req.to };
  const now = new Date();
  const { count } = await tx.transaction.updateMany({
    where: { id: req.transactionId, status: from },
    data: {
      status: req.to,
      updatedAt: now,
      ...(req.errorClass !== undefined && { errorClass: req.errorClass }),
      ...(req.lastError !== undefined && { lastError: req.lastError }),
      ...(req.attempts !== undefined && { attempts: req.attempts }),
      ...(req.nextAttemptAt !== undefined && { nextAttemptAt: req.nextAttemptAt }),
      ...(req.externalRefs !== undefined && { externalRefs: req.externalRefs }),
      ...(req.mappingVersionId !== undefined && { mappingVersionId: req.mappingVersionId }),
      ...(req.to === 'completed' && { completedAt: now }),
    },
  });
  if (count === 0) {
    // Another writer changed the status since it was read (or the row is gone).
    const now2 = await tx.transaction.findUnique({ where: { id: req.transactionId }, select: { status: true } });
    return now2 ? { kind: 'refused', from: now2.status, to: req.to } : { kind: 'not_found' };
  }
  await appendTimeline(tx, req.tenantId, req.transactionId, [
    ...(req.facts ?? []),
    {
      kind: 'state_change',
      type: 'status.changed',
      summary: req.reason,
      actor: req.actor ?? 'system',
      fromStatus: from,
      toStatus: req.to,
      occurredAt: now,
      ...(req.data !== undefined && { data: req.data }),
    },
  ]);
  return { kind: 'applied', from, to: req.to };
}
