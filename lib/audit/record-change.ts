// Who made a configuration change and in which request, and the audit entry that says so. Use
// cases take `by` from their caller (a server action or an API route) and record the entry inside
// the transaction of the change, so the entry exists exactly when the change committed.
import { operatorOf, type Actor } from '@/lib/base/actor';
import { auditActorOf, type AuditEvent } from './events';
import { recordAudit, type AuditTx, type RecordedAudit } from './record';

export interface ChangedBy {
  actor: Pick<Actor, 'userId' | 'name'>;
  requestId?: string | null;
}

export function recordChange(
  tx: AuditTx,
  tenantId: string,
  by: ChangedBy,
  event: AuditEvent,
  at?: Date,
): Promise<RecordedAudit> {
  return recordAudit(tx, {
    tenantId,
    actor: auditActorOf(operatorOf(by.actor)),
    requestId: by.requestId ?? null,
    event,
    at,
  });
}
