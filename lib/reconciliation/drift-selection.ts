// Which drift items a decision applies to: one item, or every open item of a kind in a run (bulk,
// with the same count as its preview). Always this tenant's; another tenant's ids match nothing.
import { z } from 'zod';
import type { Db, DriftKind, Prisma, TransactionStatus } from '@/lib/db';

export const driftSelectionSchema = z.union([
  z.object({ itemId: z.uuid() }),
  z.object({
    runId: z.uuid(),
    kind: z.enum(['missing_in_ledger', 'missing_in_target', 'status_mismatch', 'field_mismatch']),
  }),
]);
export type DriftSelection = z.infer<typeof driftSelectionSchema>;

export function selectionWhere(
  tenantId: string,
  selection: DriftSelection,
  kinds: readonly DriftKind[],
): Prisma.DriftItemWhereInput {
  const scope =
    'itemId' in selection
      ? { id: selection.itemId }
      : { runId: selection.runId, kind: selection.kind };
  return { tenantId, state: 'open', kind: { in: [...kinds] }, ...scope };
}

/**
 * How many open items a decision would apply to: the number a confirm dialog shows. With
 * `transactionStatuses`, only items whose transaction is in one of them now (what a replay moves).
 */
export async function previewDriftDecision(
  db: Db,
  tenantId: string,
  selection: DriftSelection,
  kinds: readonly DriftKind[],
  transactionStatuses?: readonly TransactionStatus[],
): Promise<number> {
  const where = selectionWhere(tenantId, selection, kinds);
  if (!transactionStatuses) return db.driftItem.count({ where });
  const items = await db.driftItem.findMany({ where, select: { transactionId: true } });
  const ids = items.flatMap((i) => (i.transactionId ? [i.transactionId] : []));
  if (ids.length === 0) return 0;
  return db.transaction.count({
    where: { tenantId, id: { in: ids }, status: { in: [...transactionStatuses] } },
  });
}
