// verifyAuditChain(db, tenantId): recomputes the tenant's hash chain from the rows exactly as
// stored and reports modified, inserted and deleted entries (lib/audit/chain-check.ts decides
// which). Reads 1,000 rows a query, keyset on seq, so a log of millions costs memory for one page.
// Raw SQL on purpose: jsonb comes back as stored and created_at as a Date with its milliseconds,
// which is exactly what was hashed.
import type { AuditTx } from './record';
import {
  createChainChecker,
  type ChainAnchor,
  type ChainCheckResult,
  type StoredAuditRow,
} from './chain-check';

export const VERIFY_PAGE_SIZE = 1000;

/** Said with every result, because a clean result is easy to over-read. */
export const VERIFY_LIMITS =
  'The chain proves no entry was changed, added or removed without breaking a link. Someone ' +
  'with direct database access could still delete the newest entries, or rewrite an entry and ' +
  'recompute every later hash. Save the head shown here outside Waybill and check against it ' +
  'later: a mismatch reveals such a rewrite.';

export type AuditVerifyResult = ChainCheckResult & { limits: string };

interface RawRow {
  id: string;
  tenant_id: string;
  seq: number;
  actor_user_id: string | null;
  actor_token_id: string | null;
  actor_label: string;
  action: string;
  object_type: string;
  object_id: string;
  reason: string | null;
  request_id: string | null;
  before: unknown;
  after: unknown;
  prev_hash: string;
  hash: string;
  created_at: Date;
}

function toStored(row: RawRow): StoredAuditRow {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    seq: row.seq,
    actorUserId: row.actor_user_id,
    actorTokenId: row.actor_token_id,
    actorLabel: row.actor_label,
    action: row.action,
    objectType: row.object_type,
    objectId: row.object_id,
    reason: row.reason,
    requestId: row.request_id,
    before: row.before,
    after: row.after,
    prevHash: row.prev_hash,
    hash: row.hash,
    createdAt: row.created_at,
  };
}

export async function verifyAuditChain(
  db: AuditTx,
  tenantId: string,
  options: { anchor?: ChainAnchor | null; pageSize?: number } = {},
): Promise<AuditVerifyResult> {
  const pageSize = options.pageSize ?? VERIFY_PAGE_SIZE;
  const checker = createChainChecker({ anchor: options.anchor ?? null });
  // seq is unique per tenant, so "after the last seq read" pages without overlap or holes; the
  // first page starts below zero so a row a forger numbered 0 or less is read (and reported) too.
  let after = -2_147_483_648;
  for (;;) {
    const rows: RawRow[] = await db.$queryRaw<RawRow[]>`
      SELECT id::text AS id, tenant_id::text AS tenant_id, seq, actor_user_id::text AS actor_user_id,
        actor_token_id::text AS actor_token_id, actor_label, action, object_type, object_id, reason,
        request_id, before, after, prev_hash, hash, created_at
      FROM audit_entries
      WHERE tenant_id = ${tenantId}::uuid AND seq > ${after}::int
      ORDER BY seq, id
      LIMIT ${pageSize}`;
    for (const row of rows) checker.push(toStored(row));
    const last = rows.at(-1);
    if (!last || rows.length < pageSize) break;
    after = last.seq;
  }
  return { ...checker.finish(), limits: VERIFY_LIMITS };
}
