// Payload search: the transactions whose inbound payload carries a value (a SKU, a tracking
// number) at one of their source connection's search paths. Ingest stored those values,
// normalised, in transactions.search_terms (lib/ledger/search-terms.ts); this is one probe of its
// GIN index, bound to the tenant, newest first (docs/adr/0027-payload-search.md).
import { Prisma, type Db, type TransactionStatus } from '@/lib/db';
import { normaliseTerm } from '@/lib/ledger/search-terms';
import { classifyQuery } from './classify-query';
import { isCommonTerm } from './term-frequency';

export const PAYLOAD_SEARCH_DEFAULT_LIMIT = 25;
export const PAYLOAD_SEARCH_MAX_LIMIT = 100;

interface Row {
  id: string;
  business_key: string;
  status: TransactionStatus;
  created_at: Date;
  flow_id: string;
  flow_name: string;
}

/**
 * The statement of a payload search (exported for the EXPLAIN test and the bench). A common term
 * walks the tenant's newest transactions and stops at the LIMIT; a rare one is fenced (OFFSET 0)
 * so the planner reads it from the GIN index and sorts the few matches, never walks the table
 * (lib/search/term-frequency.ts says which is which).
 */
export function payloadSearchSql(
  tenantId: string,
  term: string,
  limit: number,
  common: boolean,
): Prisma.Sql {
  const match = Prisma.sql`t.tenant_id = ${tenantId}::uuid AND t.search_terms @> ARRAY[${term}]::text[]`;
  const rows = common
    ? Prisma.sql`transactions t`
    : Prisma.sql`(SELECT t.id, t.business_key, t.status, t.created_at, t.flow_id
        FROM transactions t WHERE ${match} OFFSET 0) t`;
  return Prisma.sql`
    SELECT t.id::text, t.business_key, t.status, t.created_at, f.id::text AS flow_id,
           f.name AS flow_name
    FROM ${rows}
    JOIN flows f ON f.id = t.flow_id AND f.tenant_id = ${tenantId}::uuid
    WHERE ${common ? match : Prisma.sql`TRUE`}
    ORDER BY t.created_at DESC, t.id DESC
    LIMIT ${limit}`;
}

export async function searchPayloads(
  db: Db,
  tenantId: string,
  value: string,
  options: { limit?: number } = {},
) {
  const term = normaliseTerm(value);
  const limit = Math.min(options.limit ?? PAYLOAD_SEARCH_DEFAULT_LIMIT, PAYLOAD_SEARCH_MAX_LIMIT);
  const rows = term
    ? await db.$queryRaw<Row[]>(
        payloadSearchSql(tenantId, term, limit, await isCommonTerm(db, term)),
      )
    : [];
  return {
    /** the value as it was compared (normalised); null when nothing searchable was typed */
    term,
    transactions: rows.map((r) => ({
      id: r.id,
      businessKey: r.business_key,
      status: r.status,
      createdAt: r.created_at.toISOString(),
      flow: { id: r.flow_id, name: r.flow_name },
    })),
    /** more than `limit` may match: the newest are shown */
    limited: rows.length === limit,
  };
}

/**
 * The search page's payload section for a typed query: only for queries classifyQuery searches
 * payloads for (never emails or transaction ids); null otherwise.
 */
export async function searchPayloadsForQuery(db: Db, tenantId: string, q: string) {
  const lookup = classifyQuery(q).lookups.find((l) => l.by === 'payload_value');
  return lookup ? searchPayloads(db, tenantId, lookup.value) : null;
}

export type PayloadSearchResult = Awaited<ReturnType<typeof searchPayloads>>;
