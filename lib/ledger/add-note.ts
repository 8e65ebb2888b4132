// A note: a person adds context to a transaction's timeline without changing its status
// ("customer called, agreed to wait for restock").
import type { TenantDb } from '@/lib/db';
import type { Operator } from './operator';
import { operatorNoteSchema } from './resolve';
import { appendTimeline } from './timeline';

export async function addNote(
  db: TenantDb,
  tenantId: string,
  transactionId: string,
  input: { actor: Operator; note: string },
): Promise<{ kind: 'added' } | { kind: 'not_found' }> {
  const note = operatorNoteSchema.parse(input.note);
  const exists = await db.transaction.findUnique({
    where: { id: transactionId },
    select: { id: true },
  });
  if (!exists) return { kind: 'not_found' };
  await appendTimeline(db, tenantId, transactionId, [
    {
      kind: 'human_action',
      type: 'note.added',
      summary: `${input.actor.label} added a note: ${note}`,
      actor: input.actor.id,
      data: { note, by: input.actor.label },
    },
  ]);
  return { kind: 'added' };
}
