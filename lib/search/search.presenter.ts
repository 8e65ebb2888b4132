// Search everywhere: whatever support typed, the orders (business keys) it points at, each with
// how its transactions stand. Every lookup is one index probe scoped to the tenant, merged in one
// statement, so a search is one round trip: (tenant_id, business_key), the primary key, the GIN
// index on external_refs, (tenant_id, source_object_id, flow_id), (tenant_id, customer_email) and
// the GIN index on search_terms (values inside payloads: SKUs, tracking numbers).
import { Prisma, type Db, type TransactionStatus } from '@/lib/db';
import { createMasker } from '@/lib/ledger/mask';
import { anyReferenceIs } from '@/lib/ledger/reference-match';
import {
  MATCH_KINDS,
  classifyQuery,
  matchRank,
  matchedByLabel,
  type Lookup,
  type MatchedBy,
  type QueryKind,
} from './classify-query';
import { headlineStatus, needsAttention, statusSummary, type StatusCounts } from './status-summary';
import { isCommonTerm } from './term-frequency';

/** Orders shown for one query: a palette and a results page, not a report. */
export const MAX_ORDERS = 10;
/** Rows one lookup may contribute before orders are grouped (a reference names few rows). */
const MAX_ROWS_PER_LOOKUP = 50;

interface HitRow {
  business_key: string;
  rank: number;
  status_counts: Record<string, number>;
  transaction_count: number;
  last_activity_at: Date;
  customer_email: string | null;
}

export async function searchLedger(
  db: Db,
  tenantId: string,
  q: string,
  options: { canReadPersonalData: boolean },
) {
  const query = classifyQuery(q);
  // Viewers may not read personal data, so they may not probe for it either: an email search
  // would confirm that a customer exists. The screen explains instead of answering "no orders".
  const emailSearchRefused = query.kind === 'customer_email' && !options.canReadPersonalData;
  const lookups = emailSearchRefused ? [] : query.lookups;
  const payload = lookups.find((l) => l.by === 'payload_value');
  const commonPayload = payload ? await isCommonTerm(db, payload.value) : false;
  const branches = lookups.map((l) => branch(tenantId, l, commonPayload));
  const rows = branches.length ? await findOrders(db, tenantId, branches) : [];
  const mask = createMasker({ personal: !options.canReadPersonalData });
  return {
    query: query.text,
    kind: query.kind satisfies QueryKind,
    emailSearchRefused,
    hits: rows.map((r) => {
      const counts = r.status_counts as StatusCounts;
      const matchedBy: MatchedBy = MATCH_KINDS[r.rank] ?? 'business_key';
      return {
        businessKey: r.business_key,
        matchedBy,
        matchedByLabel: matchedByLabel(matchedBy),
        transactionCount: r.transaction_count,
        statusCounts: counts,
        statusSummary: statusSummary(counts),
        headlineStatus: headlineStatus(counts) satisfies TransactionStatus | null,
        needsAttention: needsAttention(counts),
        lastActivityAt: r.last_activity_at.toISOString(),
        customerEmail: r.customer_email && mask.text(r.customer_email),
      };
    }),
  };
}

async function findOrders(db: Db, tenantId: string, branches: Prisma.Sql[]): Promise<HitRow[]> {
  // Per order, one grouped read over (tenant_id, business_key): an order has a handful of
  // transactions, so counting them is cheap and the palette can say "1 failed · 2 completed".
  return db.$queryRaw<HitRow[]>`
    WITH matches (business_key, rank, seen_at) AS (${Prisma.join(branches, ' UNION ALL ')}),
    orders AS (
      SELECT business_key, min(rank) AS rank, max(seen_at) AS seen_at
      FROM matches GROUP BY business_key
      ORDER BY min(rank), max(seen_at) DESC
      LIMIT ${MAX_ORDERS}
    )
    SELECT o.business_key, o.rank, s.status_counts, s.transaction_count, s.last_activity_at,
           s.customer_email
    FROM orders o
    CROSS JOIN LATERAL (
      SELECT jsonb_object_agg(g.status, g.n) AS status_counts,
             sum(g.n)::int AS transaction_count,
             max(g.last_at) AS last_activity_at,
             max(g.email) AS customer_email
      FROM (
        SELECT t.status::text AS status, count(*)::int AS n, max(t.updated_at) AS last_at,
               max(t.customer_email) AS email
        FROM transactions t
        WHERE t.tenant_id = ${tenantId}::uuid AND t.business_key = o.business_key
        GROUP BY t.status
      ) g
    ) s
    ORDER BY o.rank, s.last_activity_at DESC, o.business_key`;
}

/** One lookup as a UNION branch of (business_key, rank, seen_at). */
function branch(tenantId: string, lookup: Lookup, commonPayload: boolean): Prisma.Sql {
  const rank = matchRank(lookup.by);
  const tenant = Prisma.sql`t.tenant_id = ${tenantId}::uuid`;
  switch (lookup.by) {
    case 'business_key':
      return Prisma.sql`(SELECT t.business_key, ${rank}::int, max(t.updated_at)
        FROM transactions t WHERE ${tenant} AND t.business_key = ${lookup.value}
        GROUP BY t.business_key)`;
    case 'transaction_id':
      return Prisma.sql`(SELECT t.business_key, ${rank}::int, t.updated_at
        FROM transactions t WHERE ${tenant} AND t.id = ${lookup.value}::uuid)`;
    case 'external_ref':
      // No LIMIT here: with one, the planner bets on a sequential scan finding rows early, which
      // reads the whole table when the reference does not exist. A reference names few rows.
      return Prisma.sql`(SELECT t.business_key, ${rank}::int, t.updated_at
        FROM transactions t WHERE ${tenant} AND ${anyReferenceIs(tenantId, lookup.value)})`;
    case 'source_object_id':
      return Prisma.sql`(SELECT t.business_key, ${rank}::int, t.updated_at
        FROM transactions t WHERE ${tenant} AND t.source_object_id = ${lookup.value}
        LIMIT ${MAX_ROWS_PER_LOOKUP})`;
    case 'customer_email':
      // A returning customer has many orders: the most recently active ones first.
      return Prisma.sql`(SELECT t.business_key, ${rank}::int, max(t.updated_at)
        FROM transactions t WHERE ${tenant} AND t.customer_email = ${lookup.value}
        GROUP BY t.business_key ORDER BY 3 DESC LIMIT ${MAX_ORDERS})`;
    case 'payload_value': {
      // The most recent matches only: a popular SKU is in a fifth of all orders. A common term
      // walks the newest rows; a rare one is fenced (OFFSET 0) so it is read from the GIN index,
      // never by a walk that finds nothing (lib/search/term-frequency.ts, docs/adr/0027).
      const match = Prisma.sql`${tenant} AND t.search_terms @> ARRAY[${lookup.value}]::text[]`;
      const rows = commonPayload
        ? Prisma.sql`transactions t WHERE ${match}`
        : Prisma.sql`(SELECT t.business_key, t.created_at, t.updated_at FROM transactions t
            WHERE ${match} OFFSET 0) t`;
      return Prisma.sql`(SELECT t.business_key, ${rank}::int, t.updated_at FROM ${rows}
        ORDER BY t.created_at DESC LIMIT ${MAX_ROWS_PER_LOOKUP})`;
    }
    default: {
      const exhaustive: never = lookup.by;
      return exhaustive;
    }
  }
}

export type SearchResult = Awaited<ReturnType<typeof searchLedger>>;
export type SearchHit = SearchResult['hits'][number];
