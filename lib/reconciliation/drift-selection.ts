// Which drift items a decision applies to: one item, or every open item of a kind in a run (bulk,
// with the same count as its preview), optionally narrowed to one pattern (field and cause, as
// the run page groups them). Always this tenant's; another tenant's ids match nothing.
import { z } from 'zod';
import type { Db, DriftKind, Prisma, TransactionStatus } from '@/lib/db';
import { isDriftCause, RECORD_CAUSES } from './drift-cause';

/**
 * A drift pattern: its cause and, unless the cause explains the whole record (a reissued
 * reference), its field. null means "none": items without a field or without a stored cause.
 */
export const driftPatternSchema = z.object({
  field: z.string().max(200).nullable(),
  cause: z.string().max(40).nullable(),
});
export type DriftPattern = z.infer<typeof driftPatternSchema>;

export function patternWhere(pattern: DriftPattern): Prisma.DriftItemWhereInput {
  const wholeRecord = isDriftCause(pattern.cause) && RECORD_CAUSES.has(pattern.cause);
  return { cause: pattern.cause, ...(!wholeRecord && { field: pattern.field }) };
}

export const driftSelectionSchema = z.union([
  z.object({ itemId: z.uuid() }),
  z.object({
    runId: z.uuid(),
    kind: z.enum(['missing_in_ledger', 'missing_in_target', 'status_mismatch', 'field_mismatch']),
    pattern: driftPatternSchema.optional(),
  }),
]);
export type DriftSelection = z.infer<typeof driftSelectionSchema>;

export function selectionWhere(
  tenantId: string,
  selection: DriftSelection,
  kinds: readonly DriftKind[],
): Prisma.DriftItemWhereInput {
  if ('itemId' in selection)
    return { tenantId, state: 'open', kind: { in: [...kinds] }, id: selection.itemId };
  return {
    tenantId,
    state: 'open',
    // AND keeps both kind conditions: the decision's kinds and the selection's one
    AND: [{ kind: { in: [...kinds] } }, { kind: selection.kind }],
    runId: selection.runId,
    ...(selection.pattern && patternWhere(selection.pattern)),
  };
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
