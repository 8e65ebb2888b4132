import type { Prisma, TenantDb, TenantTx, TimelineKind, TransactionStatus } from '@/lib/db';

export interface TimelineFact {
  kind: TimelineKind;
  type: string;
  summary: string;
  actor?: string;
  data?: Prisma.InputJsonValue;
  fromStatus?: TransactionStatus;
  toStatus?: TransactionStatus;
  occurredAt?: Date;
}

/** Appends facts to one transaction's timeline. Timeline rows are never updated or deleted. */
export async function appendTimeline(
  tx: TenantTx | TenantDb,
  tenantId: string,
  transactionId: string,
  facts: TimelineFact[],
): Promise<void> {
  if (facts.length === 0) return;
  await tx.timelineEntry.createMany({
    data: facts.map((f) => ({ tenantId, transactionId, actor: 'system', ...f })),
  });
}
