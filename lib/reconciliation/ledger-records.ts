// The ledger's side of a chunk. Source pages: the flow's transactions for exactly the listed
// source ids (any age: an order paid in the window may have been recorded just before it). Target
// pages: the flow's transactions created in the window, keyset by id, with the command last sent.
import type { Db } from '@/lib/db';
import type { LedgerRecord } from './compare';

export async function ledgerForSources(
  db: Db,
  tenantId: string,
  flowId: string,
  sourceIds: readonly string[],
): Promise<LedgerRecord[]> {
  if (sourceIds.length === 0) return [];
  const rows = await db.transaction.findMany({
    where: { tenantId, flowId, sourceObjectId: { in: [...sourceIds] } },
    select: { id: true, businessKey: true, sourceObjectId: true, status: true },
  });
  return rows.map((r) => ({
    transactionId: r.id,
    businessKey: r.businessKey,
    sourceObjectId: r.sourceObjectId,
    status: r.status,
    targetRef: null,
    fields: {},
  }));
}

export async function ledgerPage(
  db: Db,
  tenantId: string,
  input: {
    flowId: string;
    from: Date;
    to: Date;
    afterId: string | null;
    limit: number;
    targetKey: string;
  },
): Promise<LedgerRecord[]> {
  const rows = await db.transaction.findMany({
    where: {
      tenantId,
      flowId: input.flowId,
      createdAt: { gte: input.from, lt: input.to },
      ...(input.afterId && { id: { gt: input.afterId } }),
    },
    orderBy: { id: 'asc' },
    take: input.limit,
    select: { id: true, businessKey: true, sourceObjectId: true, status: true, externalRefs: true },
  });
  if (rows.length === 0) return [];
  const commands = await db.$queryRaw<{ transaction_id: string; request: unknown }[]>`
    SELECT DISTINCT ON (transaction_id) transaction_id::text, data->'request' AS request
    FROM timeline_entries
    WHERE tenant_id = ${tenantId}::uuid AND type = 'command.sent'
      AND transaction_id = ANY(${rows.map((r) => r.id)}::uuid[])
    ORDER BY transaction_id, occurred_at DESC, id DESC`;
  const sent = new Map(commands.map((c) => [c.transaction_id, c.request]));
  return rows.map((r) => {
    const refs = r.externalRefs as Record<string, unknown> | null;
    const ref = refs?.[input.targetKey];
    const request = sent.get(r.id);
    return {
      transactionId: r.id,
      businessKey: r.businessKey,
      sourceObjectId: r.sourceObjectId,
      status: r.status,
      targetRef: typeof ref === 'string' ? ref : null,
      fields:
        request && typeof request === 'object' && !Array.isArray(request)
          ? (request as Record<string, unknown>)
          : {},
    };
  });
}
