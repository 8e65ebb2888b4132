// Claiming work from the outbox, the dispatch queue of record. A claim takes due rows of one target
// connection whose flow and connection are active (paused work is simply never claimed), skipping
// rows another worker holds, and pushes them a lease into the future: if this worker dies, its
// claims come due again by themselves. Settling a transaction (transition) deletes or re-dates
// its row; releasing hands it back untouched.
//
// Several claimers at once are safe, whether lanes of one drain or shards of a connection's drain
// in different workers (DRAIN_SHARDS): PostgreSQL's row lock and the lease make a row belong to
// one claim at a time, and which process asks makes no difference to it. The claim promises no
// order beyond "oldest due first", and nothing relies on one: the rules between transactions are
// checked per transaction against the committed ledger when its batch is planned
// (load-dispatchable.ts, dispatch.ts). A transaction that depends on another flow's transaction for
// the same business key waits until that one is committed `completed`, which another shard's
// settle makes visible only once committed; an older state of a source object is cancelled as
// stale once a newer one exists, whoever holds the newer one. Two shards therefore cannot break
// them any more than two lanes of one process, which already claim concurrently.
import { queryRows, type Db } from '@/lib/db';

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
  // A claim costs the rows it takes, not the connection's backlog: the due rows are read once,
  // from the (connection_id, available_at) index (in its order once the table's statistics know
  // the backlog; ADR 0021), the connection is checked and share-locked once, its tenant's active
  // flows are looked up once (by tenant, not by target: a row's flow is whatever it was queued
  // for), and the lease is written through the locked rows' ctids. (Joining the backlog to flows
  // and connections made every claim read it once per flow.)
  const rows = await queryRows<{ transaction_id: string; tenant_id: string; claims: number }>(db)`
    WITH live AS MATERIALIZED (
      -- FOR SHARE: a pause (UPDATE connections) waits for claims in progress, and every claim
      -- after it sees the paused status: "paused" cannot race a claim that read "active".
      SELECT c.id, c.tenant_id FROM connections c
      WHERE c.id = ${connectionId}::uuid AND c.status = 'active'
      FOR SHARE
    ), due AS (
      SELECT o.ctid FROM outbox o
      WHERE o.connection_id = ${connectionId}::uuid AND o.available_at <= now()
        AND EXISTS (SELECT 1 FROM live)
        AND o.flow_id = ANY (ARRAY(
          SELECT f.id FROM flows f WHERE f.tenant_id = (SELECT tenant_id FROM live) AND f.status = 'active'))
      ORDER BY o.available_at
      LIMIT ${limit}
      FOR UPDATE OF o SKIP LOCKED
    )
    UPDATE outbox o SET available_at = now() + make_interval(secs => ${leaseMs / 1000}), claims = o.claims + 1
    WHERE o.ctid = ANY (ARRAY(SELECT ctid FROM due))
    RETURNING o.transaction_id::text, o.tenant_id::text, o.claims`;
  return rows.map((r) => ({
    transactionId: r.transaction_id,
    tenantId: r.tenant_id,
    claims: r.claims,
  }));
}

// The helpers below address rows by transaction id (globally unique) on behalf of a drain that
// claimed them for one connection of one tenant: system work inside that drain.

/** A claimed row and the claim count it was claimed at: the token no other claim shares. */
export interface HeldClaim {
  transactionId: string;
  claims: number;
}

/**
 * Keeps claims alive while their batch is still being sent, so no other lane or worker claims
 * them. Fenced: a row is extended only while its claim count is still the one this holder got; a
 * row claimed again since (its lease lapsed and another worker took it) or settled is left alone.
 * Returns the ids it extended: every other row of the batch is no longer this holder's to send.
 */
export async function extendClaims(
  db: Db,
  held: readonly HeldClaim[],
  leaseMs: number,
): Promise<Set<string>> {
  if (held.length === 0) return new Set();
  const rows = await queryRows<{ id: string }>(db)`
    UPDATE outbox o SET available_at = greatest(o.available_at, now() + make_interval(secs => ${leaseMs / 1000}))
    FROM unnest(${held.map((h) => h.transactionId)}::uuid[], ${held.map((h) => h.claims)}::int[]) AS h(id, claims)
    WHERE o.transaction_id = h.id AND o.claims = h.claims
    RETURNING o.transaction_id::text AS id`;
  return new Set(rows.map((r) => r.id));
}

/**
 * Hands claimed rows back, each due at its own time, without counting the claim; a row claimed
 * again since (another holder's now) is left alone.
 */
export async function deferClaims(db: Db, items: readonly (HeldClaim & { at: Date })[]) {
  if (items.length === 0) return;
  await queryRows(db)`
    UPDATE outbox o SET available_at = d.at, claims = greatest(o.claims - 1, 0)
    FROM unnest(${items.map((i) => i.transactionId)}::uuid[], ${items.map((i) => i.claims)}::int[],
                ${items.map((i) => i.at.toISOString())}::timestamptz[]) AS d(id, claims, at)
    WHERE o.transaction_id = d.id AND o.claims = d.claims`;
}

/** Hands claimed rows back, due at `at`, as if they had not been claimed. */
export async function releaseClaims(db: Db, transactionIds: readonly string[], at = new Date()) {
  if (transactionIds.length === 0) return;
  await db.$executeRaw`
    UPDATE outbox SET available_at = ${at}::timestamptz, claims = greatest(claims - 1, 0)
    WHERE transaction_id = ANY(${transactionIds as string[]}::uuid[])`;
}

/** Rows of this connection (or one of its flows) a worker holds right now: claimed, unsettled. */
export async function countInFlight(
  db: Db,
  tenantId: string,
  connectionId: string,
  flowId?: string,
): Promise<number> {
  const [row] = await db.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM outbox
    WHERE tenant_id = ${tenantId}::uuid AND connection_id = ${connectionId}::uuid
      AND claims > 0 AND available_at > now()
      AND (${flowId ?? null}::uuid IS NULL OR flow_id = ${flowId ?? null}::uuid)`;
  return row?.n ?? 0;
}

/** Deletes rows whose transaction no longer needs dispatching (settled behind the queue's back). */
export async function dropStray(db: Db, transactionIds: readonly string[]) {
  if (transactionIds.length === 0) return;
  await queryRows(db)`
    DELETE FROM outbox o USING transactions t
    WHERE o.transaction_id = ANY(${transactionIds}::uuid[]) AND t.id = o.transaction_id
      AND t.status NOT IN ('received', 'waiting_retry')`;
}
