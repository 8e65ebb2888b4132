// The ledger's side of a chunk. Source pages: the flow's transactions for exactly the listed
// source ids (any age: an order paid in the window may have been recorded just before it). Target
// pages: the flow's transactions created in the window, keyset by id, with the command last sent.
// One statement each, with the ids as one array parameter: a chunk holds thousands of records, and
// per-row parameters and a second round trip cost more than the index lookups themselves.
import { Prisma, type Db } from '@/lib/db';
import type { LedgerRecord } from './compare';

interface LedgerRow {
  id: string;
  business_key: string;
  source_object_id: string;
  status: string;
}

export async function ledgerForSources(
  db: Db,
  tenantId: string,
  flowId: string,
  sourceIds: readonly string[],
): Promise<LedgerRecord[]> {
  if (sourceIds.length === 0) return [];
  const rows = await db.$queryRaw<LedgerRow[]>`
    SELECT id::text, business_key, source_object_id, status::text
    FROM transactions
    WHERE tenant_id = ${tenantId}::uuid AND flow_id = ${flowId}::uuid
      AND source_object_id = ANY(${[...sourceIds]}::text[])`;
  return rows.map((r) => ({
    transactionId: r.id,
    businessKey: r.business_key,
    sourceObjectId: r.source_object_id,
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
  // The command last sent per transaction (DISTINCT ON's order): newest by time, then by id.
  const rows = await db.$queryRaw<(LedgerRow & { target_ref: string | null; request: unknown })[]>`
    SELECT t.id::text, t.business_key, t.source_object_id, t.status::text,
           CASE WHEN jsonb_typeof(t.external_refs -> ${input.targetKey}) = 'string'
                THEN t.external_refs ->> ${input.targetKey} END AS target_ref,
           sent.request
    FROM transactions t
    LEFT JOIN LATERAL (
      SELECT e.data -> 'request' AS request
      FROM timeline_entries e
      WHERE e.transaction_id = t.id AND e.tenant_id = t.tenant_id AND e.type = 'command.sent'
      ORDER BY e.occurred_at DESC, e.id DESC
      LIMIT 1
    ) sent ON true
    WHERE t.tenant_id = ${tenantId}::uuid AND t.flow_id = ${input.flowId}::uuid
      AND t.created_at >= ${input.from}::timestamptz AND t.created_at < ${input.to}::timestamptz
      ${input.afterId ? Prisma.sql`AND t.id > ${input.afterId}::uuid` : Prisma.empty}
    ORDER BY t.id
    LIMIT ${input.limit}`;
  return rows.map((r) => ({
    transactionId: r.id,
    businessKey: r.business_key,
    sourceObjectId: r.source_object_id,
    status: r.status,
    targetRef: r.target_ref,
    fields:
      r.request && typeof r.request === 'object' && !Array.isArray(r.request)
        ? (r.request as Record<string, unknown>)
        : {},
  }));
}
