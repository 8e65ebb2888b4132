// The accepted-webhook write as ONE SQL statement: the inbound event, a transaction per subscribed
// flow and object, their first timeline entries and their outbox rows. A single statement is one
// round trip and one commit and is atomic by itself; data-modifying CTEs see one snapshot, so when
// the event insert hits the dedupe index nothing downstream is written. This path is hot enough
// for raw SQL (docs/adr/0004-ingest-in-one-statement.md); tenant_id is bound explicitly everywhere.
import { queryRows, uuid7, type Prisma, type SqlRunner } from '@/lib/db';

export interface AcceptedWrite {
  tenantId: string;
  connectionId: string;
  providerEventId: string;
  topic: string;
  status: 'accepted' | 'ignored';
  headers: Record<string, string>;
  body: string;
  sizeBytes: number;
  summary: string;
  candidates: {
    flowId: string;
    businessKey: string;
    sourceObjectId: string;
    sourceSequence: number | null;
    idempotencyKey: string;
    customerEmail: string | null;
    /** normalised payload search terms (lib/ledger/search-terms.ts); absent = none */
    searchTerms?: string[];
  }[];
}

/** Returns null when the provider event was already accepted (a duplicate delivery). */
export async function writeAccepted(
  // only $queryRaw is used: a reconciliation backfill passes its interactive transaction
  db: SqlRunner,
  w: AcceptedWrite,
): Promise<{
  inboundEventId: string;
  transactionIds: string[];
  /** connections with new work: the caller wakes their dispatchers */
  targetConnectionIds: string[];
} | null> {
  const eventId = uuid7();
  const ids = w.candidates.map(() => uuid7());
  const data = JSON.stringify({
    inboundEventId: eventId,
    providerEventId: w.providerEventId,
    topic: w.topic,
  } satisfies Prisma.InputJsonValue);
  const rows = await queryRows<{
    event_id: string | null;
    transaction_ids: string[];
    connection_ids: string[];
  }>(db)`
    WITH event AS (
      INSERT INTO inbound_events (id, tenant_id, connection_id, provider_event_id, dedupe_key, topic, status, signature_verdict, headers, body, size_bytes)
      VALUES (${eventId}::uuid, ${w.tenantId}::uuid, ${w.connectionId}::uuid, ${w.providerEventId}, ${w.providerEventId}, ${w.topic},
              ${w.status}::"InboundStatus", 'valid'::"SignatureVerdict", ${JSON.stringify(w.headers)}::jsonb, ${w.body}, ${w.sizeBytes})
      ON CONFLICT (connection_id, dedupe_key) DO NOTHING
      RETURNING id
    ), candidate AS (
      SELECT * FROM unnest(${ids}::uuid[], ${w.candidates.map((c) => c.flowId)}::uuid[], ${w.candidates.map((c) => c.businessKey)}::text[],
                           ${w.candidates.map((c) => c.sourceObjectId)}::text[], ${w.candidates.map((c) => c.idempotencyKey)}::text[],
                           ${w.candidates.map((c) => (c.sourceSequence === null ? null : String(c.sourceSequence)))}::bigint[],
                           ${w.candidates.map((c) => c.customerEmail)}::text[],
                           ${w.candidates.map((c) => (c.searchTerms?.length ? JSON.stringify(c.searchTerms) : null))}::text[])
        AS c(id, flow_id, business_key, source_object_id, idempotency_key, source_sequence, customer_email, terms)
    ), txn AS (
      INSERT INTO transactions (id, tenant_id, flow_id, inbound_event_id, business_key, source_object_id, source_sequence, idempotency_key, customer_email, search_terms, status)
      SELECT c.id, ${w.tenantId}::uuid, c.flow_id, event.id, c.business_key, c.source_object_id, c.source_sequence, c.idempotency_key, c.customer_email,
             -- a 2-D array cannot carry lists of different lengths through unnest: each is JSON
             CASE WHEN c.terms IS NULL THEN '{}'::text[] ELSE ARRAY(SELECT jsonb_array_elements_text(c.terms::jsonb)) END,
             'received'::"TransactionStatus"
      FROM candidate c CROSS JOIN event
      ON CONFLICT (tenant_id, idempotency_key) DO NOTHING
      RETURNING id, flow_id
    ), timeline AS (
      INSERT INTO timeline_entries (tenant_id, transaction_id, kind, type, summary, actor, to_status, data)
      SELECT ${w.tenantId}::uuid, txn.id, 'event'::"TimelineKind", 'inbound.accepted', ${w.summary}, 'system', 'received'::"TransactionStatus", ${data}::jsonb
      FROM txn
    ), queued AS (
      INSERT INTO outbox (tenant_id, transaction_id, connection_id, flow_id)
      SELECT ${w.tenantId}::uuid, txn.id, f.target_connection_id, f.id FROM txn JOIN flows f ON f.id = txn.flow_id
      RETURNING connection_id
    )
    SELECT (SELECT id::text FROM event) AS event_id, coalesce((SELECT array_agg(id::text) FROM txn), '{}') AS transaction_ids,
           coalesce((SELECT array_agg(DISTINCT connection_id::text) FROM queued), '{}') AS connection_ids`;
  const row = rows[0];
  if (!row?.event_id) return null;
  return {
    inboundEventId: row.event_id,
    transactionIds: row.transaction_ids,
    targetConnectionIds: row.connection_ids,
  };
}
