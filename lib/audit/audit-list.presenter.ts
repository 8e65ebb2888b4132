// Read model of the Audit log screen and GET /api/v1/audit: one keyset page of the filtered log,
// newest first by seq (the chain's own order; created_at can tie). Each filter is an equality or
// range that one of the audit_entries indexes leads with, and paging never uses OFFSET.
import { tenantDb, type Db, type Prisma } from '@/lib/db';
import { decodeAuditCursor, encodeAuditCursor, type AuditFilter } from './audit-filter';

export type AuditListQuery = Omit<AuditFilter, 'limit' | 'cursor'> & {
  cursor?: string;
  /** exports: nothing newer than this seq (the log keeps growing while a file is written) */
  maxSeq?: number;
};

export type AuditActorKind = 'user' | 'token' | 'system';

export function auditWhere(filter: AuditListQuery): Prisma.AuditEntryWhereInput {
  const after = decodeAuditCursor(filter.cursor);
  const seq: Prisma.IntFilter = {};
  if (after !== null) seq.lt = after;
  if (filter.maxSeq !== undefined) seq.lte = filter.maxSeq;
  const createdAt: Prisma.DateTimeFilter = {};
  if (filter.from) createdAt.gte = filter.from;
  if (filter.to) createdAt.lte = filter.to;
  return {
    // Partial and case-insensitive: "ada" finds "Ada Admin". Prisma passes % and _ on to ILIKE
    // as wildcards, so they are escaped: a person typing them means the characters.
    ...(filter.actor && {
      actorLabel: {
        contains: filter.actor.replaceAll(/[\\%_]/g, (c) => `\\${c}`),
        mode: 'insensitive',
      },
    }),
    ...(filter.actions.length === 1 && { action: filter.actions[0] }),
    ...(filter.actions.length > 1 && { action: { in: filter.actions } }),
    ...(filter.objectType && { objectType: filter.objectType }),
    ...(filter.objectId && { objectId: filter.objectId }),
    ...(Object.keys(createdAt).length > 0 && { createdAt }),
    ...(Object.keys(seq).length > 0 && { seq }),
  };
}

/** Snapshots are objects (lib/audit/events.ts); anything else was put there by hand: show it. */
function snapshot(value: unknown): Record<string, unknown> | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : { value };
}

export async function listAuditEntries(
  db: Db,
  tenantId: string,
  filter: AuditListQuery,
  limit: number,
) {
  const rows = await tenantDb(db, tenantId).auditEntry.findMany({
    where: auditWhere(filter),
    orderBy: { seq: 'desc' },
    take: limit + 1,
    select: {
      id: true,
      seq: true,
      createdAt: true,
      actorUserId: true,
      actorTokenId: true,
      actorLabel: true,
      action: true,
      objectType: true,
      objectId: true,
      reason: true,
      requestId: true,
      before: true,
      after: true,
      hash: true,
    },
  });
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    entries: page.map((r) => ({
      id: r.id.toString(),
      seq: r.seq,
      at: r.createdAt.toISOString(),
      actor: {
        label: r.actorLabel,
        kind: r.actorUserId ? 'user' : r.actorTokenId ? 'token' : 'system',
        userId: r.actorUserId,
        tokenId: r.actorTokenId,
      },
      action: r.action,
      object: { type: r.objectType, id: r.objectId },
      reason: r.reason,
      requestId: r.requestId,
      before: snapshot(r.before),
      after: snapshot(r.after),
      hash: r.hash,
    })),
    nextCursor: rows.length > limit && last ? encodeAuditCursor(last.seq) : null,
  };
}

/** Who has acted recently (the actor filter's suggestions): at most `limit` labels, newest first. */
export async function listAuditActors(db: Db, tenantId: string, limit = 50): Promise<string[]> {
  const rows = await db.$queryRaw<{ label: string }[]>`
    SELECT actor_label AS label FROM audit_entries WHERE tenant_id = ${tenantId}::uuid
    GROUP BY actor_label ORDER BY max(seq) DESC LIMIT ${limit}`;
  return rows.map((r) => r.label);
}

export type AuditList = Awaited<ReturnType<typeof listAuditEntries>>;
export type AuditEntryRow = AuditList['entries'][number];
