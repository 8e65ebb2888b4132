// The timeline is written only from lib/ledger: here, by transition() with a status change, and by
// the accepted-webhook statement (write-accepted.ts). Rows are never updated or deleted.
import type { Db, Prisma, TenantDb, TenantTx, TimelineKind, TransactionStatus } from '@/lib/db';

/** An open transaction of the unscoped client (use cases that scope by tenantId themselves). */
type DbTx = Parameters<Parameters<Db['$transaction']>[0]>[0];

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
  await appendTimelineEntries(
    tx,
    tenantId,
    facts.map((f) => ({ ...f, transactionId })),
  );
}

/** Facts about several transactions (a bulk decision): one statement, in the caller's transaction. */
export async function appendTimelineEntries(
  tx: DbTx | TenantTx | TenantDb,
  tenantId: string,
  entries: (TimelineFact & { transactionId: string })[],
): Promise<void> {
  if (entries.length === 0) return;
  // The three clients differ only in their tenant extension; createMany's input is the same.
  await (tx as DbTx).timelineEntry.createMany({
    data: entries.map((e) => ({ tenantId, actor: 'system', ...e })),
  });
}
