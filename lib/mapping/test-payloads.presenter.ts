// The payloads a test run can use: inbound events of the flow's source that made one of its
// transactions, failed ones first (the payload an admin wants to try a fix on), then the newest.
// A search by business key (order number) reaches any of them, not only the recent ones. The body
// itself is loaded only when a run asks for it.
import { tenantDb, type Db } from '@/lib/db';
import { AppError } from '@/lib/errors';

export const TEST_PAYLOAD_LIMIT = 50;

/** Statuses that mean "this payload went wrong here": listed first. */
const FAILED = ['failed', 'needs_review'] as const;

export interface TestPayload {
  id: string;
  receivedAt: string;
  topic: string | null;
  businessKey: string;
  sizeBytes: number;
  /** this flow's transaction status for the payload (the worst one, for a batch event) */
  status: string;
  failed: boolean;
}

/** `%`, `_` and `\` typed by a person are characters, not wildcards. */
export const likePattern = (search: string): string =>
  `%${search.replaceAll(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * Each branch is a LIMITed walk of one transactions index (status + flow, or flow alone), so the
 * cost does not grow with the flow's history; a batch event (one payload, many transactions)
 * appears once.
 */
export async function listTestPayloads(
  db: Db,
  tenantId: string,
  flow: { id: string; sourceConnectionId: string },
  options: { search?: string; limit?: number } = {},
): Promise<TestPayload[]> {
  const limit = options.limit ?? TEST_PAYLOAD_LIMIT;
  const search = options.search?.trim();
  const pattern = search ? likePattern(search) : null;
  const rows = await db.$queryRaw<
    {
      id: string;
      received_at: Date;
      topic: string | null;
      business_key: string;
      size_bytes: number;
      status: string;
      failed: boolean;
    }[]
  >`
    WITH picked AS (
      (SELECT t.inbound_event_id, t.business_key, t.status, true AS failed
       FROM transactions t
       WHERE t.tenant_id = ${tenantId}::uuid AND t.flow_id = ${flow.id}::uuid
         AND t.status::text IN (${FAILED[0]}, ${FAILED[1]})
         AND (${pattern}::text IS NULL OR t.business_key ILIKE ${pattern}::text)
       ORDER BY t.created_at DESC LIMIT ${limit})
      UNION ALL
      (SELECT t.inbound_event_id, t.business_key, t.status, false AS failed
       FROM transactions t
       WHERE t.tenant_id = ${tenantId}::uuid AND t.flow_id = ${flow.id}::uuid
         AND (${pattern}::text IS NULL OR t.business_key ILIKE ${pattern}::text)
       ORDER BY t.created_at DESC LIMIT ${limit})
    )
    SELECT e.id::text AS id, e.received_at, e.topic, p.business_key, e.size_bytes,
      p.status::text AS status, p.failed
    FROM picked p
    JOIN inbound_events e ON e.id = p.inbound_event_id AND e.tenant_id = ${tenantId}::uuid
    WHERE e.connection_id = ${flow.sourceConnectionId}::uuid
    ORDER BY p.failed DESC, e.received_at DESC, e.id DESC`;
  const seen = new Set<string>();
  const payloads: TestPayload[] = [];
  for (const r of rows) {
    if (seen.has(r.id)) continue;
    seen.add(r.id);
    payloads.push({
      id: r.id,
      receivedAt: r.received_at.toISOString(),
      topic: r.topic,
      businessKey: r.business_key,
      sizeBytes: r.size_bytes,
      status: r.status,
      failed: r.failed,
    });
    if (payloads.length === limit) break;
  }
  return payloads;
}

/** The payload picker's search: another tenant's flow is NOT_FOUND. */
export async function searchTestPayloads(
  db: Db,
  tenantId: string,
  flowId: string,
  search: string,
): Promise<TestPayload[]> {
  const flow = await tenantDb(db, tenantId).flow.findFirst({
    where: { id: flowId },
    select: { id: true, sourceConnectionId: true },
  });
  if (!flow) throw new AppError('NOT_FOUND', 'flow not found');
  return listTestPayloads(db, tenantId, flow, { search });
}
