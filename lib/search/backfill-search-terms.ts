// Fills transactions.search_terms for rows written before payload search existed, or after a
// connection's search paths changed: the same extraction ingest runs (lib/ledger/search-terms.ts)
// over the stored inbound body, in bounded batches walked by id (each batch one read and one
// UPDATE, its own short transaction), so it runs beside live traffic and resumes from `after`.
// Idempotent: a row whose terms are already right is not written (no dead tuple, no index entry).
// updated_at is left alone: terms are an index of what arrived, not a change of the transaction.
import type { Db } from '@/lib/db';
import { effectiveSearchPaths } from '@/lib/ledger/search-paths';
import { extractSearchTerms } from '@/lib/ledger/search-terms';
import { adapterFor } from '@/lib/providers/registry';

export const DEFAULT_BACKFILL_BATCH = 1000;

interface Row {
  id: string;
  search_terms: string[] | null;
  body: string;
  source_connection_id: string;
}

export interface BackfillProgress {
  scanned: number;
  updated: number;
  /** resume point: pass as `after` to continue */
  lastId: string | null;
}

export async function backfillSearchTerms(
  db: Db,
  options: {
    tenantId: string;
    batchSize?: number;
    /** start after this transaction id (a previous run's lastId) */
    after?: string | null;
    /** stop after this many batches (a job's time slice); default: until done */
    maxBatches?: number;
    onBatch?: (progress: BackfillProgress) => void;
  },
): Promise<BackfillProgress & { done: boolean }> {
  const { tenantId } = options;
  const batchSize = options.batchSize ?? DEFAULT_BACKFILL_BATCH;
  const paths = await searchPathsByConnection(db, tenantId);
  const progress: BackfillProgress = { scanned: 0, updated: 0, lastId: options.after ?? null };
  for (let batch = 0; options.maxBatches === undefined || batch < options.maxBatches; batch++) {
    const rows = await db.$queryRaw<Row[]>`
      SELECT t.id::text, t.search_terms, e.body, f.source_connection_id::text
      FROM transactions t
      JOIN inbound_events e ON e.id = t.inbound_event_id AND e.tenant_id = ${tenantId}::uuid
      JOIN flows f ON f.id = t.flow_id AND f.tenant_id = ${tenantId}::uuid
      WHERE t.tenant_id = ${tenantId}::uuid
        AND (${progress.lastId}::uuid IS NULL OR t.id > ${progress.lastId}::uuid)
      ORDER BY t.id
      LIMIT ${batchSize}`;
    if (rows.length === 0) return { ...progress, done: true };
    const changed = rows.flatMap((r) => {
      const terms = extractSearchTerms(parseBody(r.body), paths.get(r.source_connection_id) ?? []);
      return sameTerms(r.search_terms ?? [], terms) ? [] : [{ id: r.id, terms }];
    });
    if (changed.length > 0)
      await db.$executeRaw`
        UPDATE transactions t
        SET search_terms = ARRAY(SELECT jsonb_array_elements_text(u.terms::jsonb))
        FROM unnest(${changed.map((c) => c.id)}::uuid[],
                    ${changed.map((c) => JSON.stringify(c.terms))}::text[]) AS u(id, terms)
        WHERE t.id = u.id AND t.tenant_id = ${tenantId}::uuid`;
    progress.scanned += rows.length;
    progress.updated += changed.length;
    progress.lastId = rows[rows.length - 1]?.id ?? progress.lastId;
    options.onBatch?.({ ...progress });
    if (rows.length < batchSize) return { ...progress, done: true };
  }
  return { ...progress, done: false };
}

/** Each of the tenant's connections' effective search paths (its own, or its adapter's). */
async function searchPathsByConnection(db: Db, tenantId: string): Promise<Map<string, string[]>> {
  const connections = await db.connection.findMany({
    where: { tenantId },
    select: { id: true, provider: true, settings: true, searchPaths: true },
  });
  return new Map(
    connections.map((c) => [
      c.id,
      effectiveSearchPaths(c.searchPaths, adapterFor(c).searchPaths ?? []),
    ]),
  );
}

/**
 * The stored body is the whole delivery; ingest searched each parsed object, which for every
 * coded webhook adapter is that same JSON. A body retention replaced, or one that is not JSON,
 * yields no terms.
 */
function parseBody(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return null;
  }
}

function sameTerms(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((t, i) => t === b[i]);
}
