// Accept with a note: a person decides the difference is right as it is (a price corrected by
// hand at the ERP, an order paid outside the flow). The items, the timelines of their
// transactions and one audit entry are written in one database transaction.
import { z } from 'zod';
import { auditActorOf, recordAudit } from '@/lib/audit';
import type { Db, DriftKind } from '@/lib/db';
import type { AuditContext } from '@/lib/ledger/operator-audit';
import { appendTimelineEntries } from '@/lib/ledger/timeline';
import type { Operator } from '@/lib/ledger/operator';
import { selectionWhere, type DriftSelection } from './drift-selection';

export const acceptNoteSchema = z
  .string()
  .trim()
  .min(3, 'say why the difference is acceptable (at least 3 characters)')
  .max(2000);

const ALL: readonly DriftKind[] = [
  'missing_in_ledger',
  'missing_in_target',
  'status_mismatch',
  'field_mismatch',
];

export async function acceptDrift(
  db: Db,
  tenantId: string,
  input: { selection: DriftSelection; note: string; actor: Operator; audit?: AuditContext },
): Promise<{ accepted: number }> {
  const note = acceptNoteSchema.parse(input.note);
  return db.$transaction(async (tx) => {
    const items = await tx.driftItem.findMany({
      where: selectionWhere(tenantId, input.selection, ALL),
      select: { id: true, kind: true, field: true, transactionId: true, runId: true },
    });
    if (items.length === 0) return { accepted: 0 };
    const decidedAt = new Date();
    // state: 'open' again in the update: a concurrent decision on the same item wins once.
    const { count } = await tx.driftItem.updateMany({
      where: { tenantId, state: 'open', id: { in: items.map((i) => i.id) } },
      data: { state: 'accepted', decidedBy: input.actor.label, decidedAt, note },
    });
    const timeline = items.flatMap((i) =>
      i.transactionId
        ? [
            {
              transactionId: i.transactionId,
              kind: 'human_action' as const,
              type: 'drift.accepted',
              summary: `${input.actor.label} accepted the ${i.kind.replaceAll('_', ' ')}${i.field ? ` on ${i.field}` : ''}: ${note}`,
              actor: input.actor.id,
              data: { driftItemId: i.id, runId: i.runId, note },
            },
          ]
        : [],
    );
    await appendTimelineEntries(tx, tenantId, timeline);
    const only = items.length === 1 ? items[0] : undefined;
    await recordAudit(tx, {
      tenantId,
      actor: auditActorOf(input.actor),
      requestId: input.audit?.requestId ?? null,
      event: {
        action: 'drift.accepted',
        objectType: 'drift_item',
        objectId: only ? only.id : 'bulk',
        reason: note,
        after: {
          accepted: count,
          ...('runId' in input.selection && {
            runId: input.selection.runId,
            kind: input.selection.kind,
            ...(input.selection.pattern && { pattern: input.selection.pattern }),
          }),
          itemIds: items.slice(0, 1000).map((i) => i.id),
        },
      },
    });
    return { accepted: count };
  });
}
