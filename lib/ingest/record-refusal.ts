// A refused delivery, kept for operators in bounded space: one database transaction counts it in
// inbound_refusal_counts (a number per connection that only grows), inserts it and deletes that
// connection's refused rows beyond the latest `keep`. The insert and the trim are one statement:
// data-modifying CTEs share one snapshot, so the DELETE does not see the row being inserted and
// keeps keep-1 older ones. Each trim deletes at most CLEANUP_LIMIT rows, so lowering `keep` never
// makes one huge delete (later refusals finish the job).
//
// The refusals of one connection take turns on its count row (below), so in this process they
// also take turns before they take a pooled connection: a flood of forged deliveries to one
// connection would otherwise hold every connection of the pool waiting on that one row lock, and
// valid deliveries to other connections, and refusals waiting for a connection past the pool's
// patience, would be answered 503 (a loaded box's flood test saw four).
import type { Db, SignatureVerdict } from '@/lib/db';
import { uuid7 } from '@/lib/db';

const CLEANUP_LIMIT = 1000;

export interface RefusalWrite {
  tenantId: string;
  connectionId: string;
  verdict: SignatureVerdict;
  reason: string;
  headers: Record<string, string>;
  /** already truncated and without NUL */
  body: string;
  sizeBytes: number;
  /** refused rows kept per connection (INGEST_REFUSED_KEEP), at least 1 */
  keep: number;
}

/** Per connection, the last refusal write of this process queued or running. */
const turns = new Map<string, Promise<unknown>>();

/** Runs `write` after the writes queued before it under `key`, failed or not. */
function inTurn<T>(key: string, write: () => Promise<T>): Promise<T> {
  const mine = (turns.get(key) ?? Promise.resolve()).then(write, write);
  const settled = mine.catch(() => undefined);
  turns.set(key, settled);
  void settled.then(() => {
    if (turns.get(key) === settled) turns.delete(key);
  });
  return mine;
}

export function recordRefusal(
  db: Pick<Db, '$transaction' | '$executeRaw'>,
  w: RefusalWrite,
): Promise<string> {
  return inTurn(w.connectionId, () => writeRefusal(db, w));
}

async function writeRefusal(
  db: Pick<Db, '$transaction' | '$executeRaw'>,
  w: RefusalWrite,
): Promise<string> {
  const id = uuid7();
  const older = Math.max(0, Math.floor(w.keep) - 1);
  // The count's row is locked first, so the refusals of one connection take turns: concurrent
  // trims would otherwise lock each other's rows in different orders (deadlock), and each would
  // trim only what its own snapshot saw.
  await db.$transaction([
    db.$executeRaw`
      INSERT INTO inbound_refusal_counts (connection_id, tenant_id, refused, last_refused_at)
      VALUES (${w.connectionId}::uuid, ${w.tenantId}::uuid, 1, now())
      ON CONFLICT (connection_id) DO UPDATE
        SET refused = inbound_refusal_counts.refused + 1, last_refused_at = EXCLUDED.last_refused_at`,
    db.$executeRaw`
      WITH refused AS (
        INSERT INTO inbound_events (id, tenant_id, connection_id, status, signature_verdict, reject_reason, headers, body, size_bytes)
        VALUES (${id}::uuid, ${w.tenantId}::uuid, ${w.connectionId}::uuid, 'rejected'::"InboundStatus",
                ${w.verdict}::"SignatureVerdict", ${w.reason}, ${JSON.stringify(w.headers)}::jsonb, ${w.body}, ${w.sizeBytes})
      )
      DELETE FROM inbound_events WHERE id IN (
        SELECT id FROM inbound_events
        WHERE connection_id = ${w.connectionId}::uuid AND status = 'rejected'::"InboundStatus"
        ORDER BY received_at DESC, id DESC
        OFFSET ${older} LIMIT ${CLEANUP_LIMIT})`,
  ]);
  return id;
}
