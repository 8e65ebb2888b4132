// Claiming work from the outbox, the dispatch queue of record. A claim takes due rows of one target
// connection whose flow and connection are active (paused work is simply never claimed), skipping
// rows another worker holds, and pushes them a lease into the future: if this worker dies, its
// claims come due again by themselves. Settling a transaction (transition) deletes or re-dates
// its row; releasing hands it back untouched.
import type { Db } from '@/lib/db';

export interface Claim {
  transactionId: string;
  tenantId: string;
  /** times this row was claimed without being settled, this claim included */
  claims: number;
}

export async function claimDue(
  db: Db,
  connectionId: string,
  limit: number,
  leaseMs: number,
): Promise<Claim[]> {
  if (limit <= 0) return [];
  const rows = await db.$queryRaw<{ transaction_id: string; tenant_id: string; claims: number }[]>`
    WITH due AS (
      SELECT o.transaction_id FROM outbox o
      JOIN flows f ON f.id = o.flow_id AND f.status = 'active'
      JOIN connections c ON c.id = o.connection_id AND c.status = 'active'
      WHERE o.connection_id = ${connectionId}::uuid AND o.available_at <= now()
      ORDER BY o.available_at
      LIMIT ${limit}
      FOR UPDATE OF o SKIP LOCKED
    )
    UPDATE outbox o SET available_at = now() + make_interval(secs => ${leaseMs / 1000}), claims = o.claims + 1
    FROM due WHERE o.transaction_id = due.transaction_id
    RETURNING o.transaction_id::text, o.tenant_id::text, o.claims`;
  return rows.map((r) => ({
    transactionId: r.transaction_id,
    tenantId: r.tenant_id,
    claims: r.claims,
  }));
}

/** Hands claimed rows back, due at `at`, as if they had not been claimed. */
export async function releaseClaims(db: Db, transactionIds: readonly string[], at = new Date()) {
  if (transactionIds.length === 0) return;
  await db.$executeRaw`
    UPDATE outbox SET available_at = ${at}::timestamptz, claims = greatest(claims - 1, 0)
    WHERE transaction_id = ANY(${transactionIds as string[]}::uuid[])`;
}

/** Rows of this connection a worker holds right now (claimed and not yet settled). */
export async function countInFlight(db: Db, connectionId: string): Promise<number> {
  const [row] = await db.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM outbox
    WHERE connection_id = ${connectionId}::uuid AND claims > 0 AND available_at > now()`;
  return row?.n ?? 0;
}

/** Deletes rows whose transaction no longer needs dispatching (settled behind the queue's back). */
export async function dropStray(db: Db, transactionIds: readonly string[]) {
  if (transactionIds.length === 0) return;
  await db.$executeRaw`
    DELETE FROM outbox o USING transactions t
    WHERE o.transaction_id = ANY(${transactionIds as string[]}::uuid[]) AND t.id = o.transaction_id
      AND t.status NOT IN ('received', 'waiting_retry')`;
}
