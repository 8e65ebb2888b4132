// Is a payload search term common? A SKU can be in a fifth of all orders, a tracking number in one.
// The GIN index answers "which rows carry X" but not in time order, so a common term is read best
// by walking (tenant_id, created_at DESC) and stopping at the LIMIT, a rare one by the GIN index.
// PostgreSQL estimates a term absent from its element statistics at 0.5 % of the rows, and with a
// LIMIT that makes the walk look cheap: for a term that is nowhere it reads the whole table. So
// the choice is made here, from the same statistics (pg_stats.most_common_elems, refreshed by
// ANALYZE), and each shape of the query leaves the planner one sensible path
// (docs/adr/0027-payload-search.md). Cached per process: the statistics change slowly.
import type { Db } from '@/lib/db';

/** a term in at least this share of the transactions is read newest-first */
export const COMMON_TERM_SHARE = 0.01;
const CACHE_MS = 10 * 60_000;

const cache = new WeakMap<object, { at: number; common: Promise<Set<string>> }>();

export async function isCommonTerm(db: Db, term: string): Promise<boolean> {
  const hit = cache.get(db);
  const now = Date.now();
  if (hit && now - hit.at < CACHE_MS) return (await hit.common).has(term);
  const common = readCommonTerms(db);
  cache.set(db, { at: now, common });
  // A failed read is not cached: the next search asks again.
  common.catch(() => cache.delete(db));
  return (await common).has(term);
}

async function readCommonTerms(db: Db): Promise<Set<string>> {
  const [row] = await db.$queryRaw<{ elems: string[] | null; freqs: number[] | null }[]>`
    SELECT most_common_elems::text::text[] AS elems, most_common_elem_freqs AS freqs
    FROM pg_stats
    WHERE schemaname = current_schema() AND tablename = 'transactions'
      AND attname = 'search_terms'`;
  const elems = row?.elems ?? [];
  const freqs = row?.freqs ?? [];
  return new Set(elems.filter((_, i) => (freqs[i] ?? 0) >= COMMON_TERM_SHARE));
}
