// The Tokens screen's read model: every token of the tenant, newest first, with who issued it and
// its state in words. Only the display prefix is ever read; the hash never leaves the ledger.
import type { Permission } from '@/lib/base/permissions';
import type { Db } from '@/lib/db';
import { tokenLapsed } from '@/lib/identity/api-token';

/** "issuer gone": its issuer left the tenant, so the token no longer works (api-token.ts) */
export type ApiTokenState = 'active' | 'expired' | 'revoked' | 'issuer gone';

export interface ApiTokenRow {
  id: string;
  name: string;
  prefix: string;
  scopes: Permission[];
  createdBy: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
  state: ApiTokenState;
}

export async function listApiTokens(
  db: Db,
  tenantId: string,
  options: { now?: Date; limit?: number } = {},
): Promise<{ tokens: ApiTokenRow[]; asOf: string; maxLifetimeDays: number }> {
  const now = options.now ?? new Date();
  const { maxTokenLifetimeDays } = await db.tenant.findUniqueOrThrow({
    where: { id: tenantId },
    select: { maxTokenLifetimeDays: true },
  });
  const rows = await db.apiToken.findMany({
    where: { tenantId },
    orderBy: { createdAt: 'desc' },
    take: options.limit ?? 200,
    select: {
      id: true,
      name: true,
      prefix: true,
      scopes: true,
      createdById: true,
      createdAt: true,
      lastUsedAt: true,
      expiresAt: true,
      revokedAt: true,
    },
  });
  const creatorIds = [...new Set(rows.flatMap((r) => (r.createdById ? [r.createdById] : [])))];
  const creators = creatorIds.length
    ? await db.user.findMany({
        where: { id: { in: creatorIds }, disabledAt: null, memberships: { some: { tenantId } } },
        select: { id: true, name: true },
      })
    : [];
  const nameOf = new Map(creators.map((u) => [u.id, u.name]));
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  const tokens = rows.map((r) => ({
    id: r.id,
    name: r.name,
    prefix: r.prefix,
    scopes: r.scopes as Permission[],
    createdBy: r.createdById ? (nameOf.get(r.createdById) ?? 'a former member') : 'the waybill CLI',
    createdAt: r.createdAt.toISOString(),
    lastUsedAt: iso(r.lastUsedAt),
    expiresAt: iso(r.expiresAt),
    revokedAt: iso(r.revokedAt),
    state: stateOf(r, now),
  }));
  return { tokens, asOf: now.toISOString(), maxLifetimeDays: maxTokenLifetimeDays };

  function stateOf(
    r: {
      revokedAt: Date | null;
      expiresAt: Date | null;
      createdAt: Date;
      createdById: string | null;
    },
    at: Date,
  ): ApiTokenState {
    if (r.revokedAt) return 'revoked';
    if (tokenLapsed(r, maxTokenLifetimeDays, at)) return 'expired';
    if (r.createdById && !nameOf.has(r.createdById)) return 'issuer gone';
    return 'active';
  }
}
