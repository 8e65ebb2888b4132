// Cancels a running reconciliation run: the next chunk sees the status and stops; drift items
// already found stay (they are true). Audited; another tenant's run answers not_found.
import { auditActorOf, recordAudit } from '@/lib/audit';
import type { Db } from '@/lib/db';
import type { AuditContext } from '@/lib/ledger/operator-audit';
import type { Operator } from '@/lib/ledger/operator';

export async function cancelReconciliationRun(
  db: Db,
  tenantId: string,
  runId: string,
  input: { actor: Operator; reason?: string; audit?: AuditContext },
): Promise<'cancelled' | 'finished' | 'not_found'> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.reconciliationRun.updateMany({
      where: { id: runId, tenantId, status: 'running' },
      data: { status: 'cancelled', finishedAt: new Date() },
    });
    if (count !== 1) {
      const exists = await tx.reconciliationRun.count({ where: { id: runId, tenantId } });
      return exists ? 'finished' : 'not_found';
    }
    await recordAudit(tx, {
      tenantId,
      actor: auditActorOf(input.actor),
      requestId: input.audit?.requestId ?? null,
      event: {
        action: 'reconciliation.run_cancelled',
        objectType: 'reconciliation_run',
        objectId: runId,
        ...(input.reason && { reason: input.reason }),
        after: { status: 'cancelled' },
      },
    });
    return 'cancelled';
  });
}
