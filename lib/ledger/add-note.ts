// A note: a person adds context to a transaction's timeline without changing its status
// ("customer called, agreed to wait for restock"). The timeline entry and its audit entry are
// written in one database transaction.
import { auditActorOf, recordAudit } from '@/lib/audit';
import type { TenantDb } from '@/lib/db';
import type { AuditContext } from './operator-audit';
import type { Operator } from './operator';
import { operatorNoteSchema } from './resolve';
import { appendTimeline } from './timeline';

export async function addNote(
  db: TenantDb,
  tenantId: string,
  transactionId: string,
  input: { actor: Operator; note: string; audit?: AuditContext },
): Promise<{ kind: 'added' } | { kind: 'not_found' }> {
  const note = operatorNoteSchema.parse(input.note);
  return db.$transaction(async (tx) => {
    const exists = await tx.transaction.findUnique({
      where: { id: transactionId },
      select: { id: true },
    });
    if (!exists) return { kind: 'not_found' as const };
    await appendTimeline(tx, tenantId, transactionId, [
      {
        kind: 'human_action',
        type: 'note.added',
        summary: `${input.actor.label} added a note: ${note}`,
        actor: input.actor.id,
        data: { note, by: input.actor.label },
      },
    ]);
    await recordAudit(tx, {
      tenantId,
      actor: auditActorOf(input.actor),
      requestId: input.audit?.requestId ?? null,
      event: {
        action: 'transaction.note_added',
        objectType: 'transaction',
        objectId: transactionId,
        reason: note,
      },
    });
    return { kind: 'added' as const };
  });
}
