// The ledger's side of a chunk. Source pages: the flow's transactions for exactly the listed
// source ids (any age: an order paid in the window may have been recorded just before it). Target
// pages: the flow's transactions created in the window, keyset by (created_at, id) — the order of
// the flow's window index, so each page reads only its own rows — with the command last sent.
// One statement each, with the ids as one array parameter: a chunk holds thousands of records, and
// per-row parameters and a second round trip cost more than the index lookups themselves.
// A target page marks a transaction superseded when the target record shows a later one's write:
// a later state of the same source object (a shipment's 'open', then 'shipped': the storefront
// shows the last), or, for a shared record, a later write of the same reference.
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

/** Where a target page ended: the next page starts after this (created_at, id). */
export interface LedgerPageKey {
  createdAt: string;
  id: string;
}

export function encodePageKey(key: LedgerPageKey): string {
  return `${key.createdAt}|${key.id}`;
}

export function decodePageKey(raw: string | null): LedgerPageKey | null {
  if (!raw) return null;
  const [createdAt, id] = raw.split('|');
  if (!createdAt || !id || Number.isNaN(Date.parse(createdAt)))
    throw new Error(`unreadable reconciliation page key "${raw}"`);
  return { createdAt, id };
}

/**
 * A later state of the transaction's source object was written to the target (completed): the
 * target shows that one. "Later" is the source's own order (the sequence the engine's staleness
 * check uses) where both have one, ties and unsequenced sources by creation. Only a completed one
 * counts: a later state still on its way, or failed, never reached the record, which still shows
 * this one. Served by the (tenant_id, source_object_id, flow_id) index.
 */
const laterState = Prisma.sql`EXISTS (
  SELECT 1 FROM transactions later
  WHERE later.tenant_id = t.tenant_id AND later.flow_id = t.flow_id
    AND later.source_object_id = t.source_object_id
    AND later.status = 'completed'
    AND CASE WHEN later.source_sequence IS NOT NULL AND t.source_sequence IS NOT NULL
             THEN (later.source_sequence, later.created_at, later.id) > (t.source_sequence, t.created_at, t.id)
             ELSE (later.created_at, later.id) > (t.created_at, t.id) END)`;

export async function ledgerPage(
  db: Db,
  tenantId: string,
  input: {
    flowId: string;
    from: Date;
    to: Date;
    after: LedgerPageKey | null;
    limit: number;
    targetKey: string;
    /** the target record is shared (an upsert): a later write of the same reference supersedes */
    sharedRecords?: boolean;
  },
): Promise<{ records: LedgerRecord[]; last: LedgerPageKey | null }> {
  // The command last sent per transaction (DISTINCT ON's order): newest by time, then by id.
  const rows = await db.$queryRaw<
    (LedgerRow & {
      created_at: Date;
      target_ref: string | null;
      request: unknown;
      superseded: boolean;
    })[]
  >`
    SELECT t.id::text, t.business_key, t.source_object_id, t.status::text, t.created_at,
           CASE WHEN jsonb_typeof(t.external_refs -> ${input.targetKey}) = 'string'
                THEN t.external_refs ->> ${input.targetKey} END AS target_ref,
           sent.request,
           (jsonb_typeof(t.external_refs -> ${input.targetKey}) = 'string' AND (${laterState}${
             input.sharedRecords
               ? Prisma.sql` OR EXISTS (
                   SELECT 1 FROM transactions later
                   WHERE later.tenant_id = t.tenant_id AND later.flow_id = t.flow_id
                     AND later.status = 'completed'
                     AND later.external_refs @> jsonb_build_object(${input.targetKey}::text, t.external_refs -> ${input.targetKey})
                     AND (later.created_at, later.id) > (t.created_at, t.id))`
               : Prisma.empty
           })) AS superseded
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
      ${
        input.after
          ? Prisma.sql`AND (t.created_at, t.id) > (${input.after.createdAt}::timestamptz, ${input.after.id}::uuid)`
          : Prisma.empty
      }
    ORDER BY t.created_at, t.id
    LIMIT ${input.limit}`;
  const lastRow = rows.at(-1);
  return {
    records: rows.map((r) => ({
      transactionId: r.id,
      businessKey: r.business_key,
      sourceObjectId: r.source_object_id,
      status: r.status,
      targetRef: r.target_ref,
      fields:
        r.request && typeof r.request === 'object' && !Array.isArray(r.request)
          ? (r.request as Record<string, unknown>)
          : {},
      ...(r.superseded && { superseded: true }),
    })),
    last: lastRow ? { createdAt: lastRow.created_at.toISOString(), id: lastRow.id } : null,
  };
}
