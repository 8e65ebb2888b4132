// Read model of the Transactions screen: one keyset page, filtered by status, newest first.
import type { TenantDb, TransactionStatus } from '@/lib/db';
import { decodeCursor, encodeCursor, keysetAfter } from './keyset-cursor';

export interface TransactionListQuery {
  status?: TransactionStatus;
  cursor?: string;
  limit: number;
}

export async function listTransactions(db: TenantDb, query: TransactionListQuery) {
  const after = decodeCursor(query.cursor);
  const rows = await db.transaction.findMany({
    where: {
      ...(query.status && { status: query.status }),
      ...keysetAfter('createdAt', after),
    },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: query.limit + 1,
    select: {
      id: true,
      businessKey: true,
      status: true,
      errorClass: true,
      attempts: true,
      externalRefs: true,
      createdAt: true,
      updatedAt: true,
      flow: { select: { name: true, targetConnection: { select: { name: true, key: true } } } },
    },
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    rows: page.map((t) => ({
      id: t.id,
      businessKey: t.businessKey,
      flow: t.flow.name,
      target: t.flow.targetConnection.name,
      status: t.status,
      errorClass: t.errorClass,
      attempts: t.attempts,
      externalRef: refOf(t.externalRefs, t.flow.targetConnection.key),
      createdAt: t.createdAt.toISOString(),
      updatedAt: t.updatedAt.toISOString(),
    })),
    nextCursor: rows.length > query.limit && last ? encodeCursor(last) : null,
  };
}

function refOf(refs: unknown, system: string): string | null {
  const value =
    refs && typeof refs === 'object' ? (refs as Record<string, unknown>)[system] : undefined;
  return typeof value === 'string' ? value : null;
}

export type TransactionList = Awaited<ReturnType<typeof listTransactions>>;
export type TransactionRow = TransactionList['rows'][number];
