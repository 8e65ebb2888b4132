// API tokens: the secret's format, its hash, and turning a bearer value into an Actor. The secret
// has 256 random bits, so a plain SHA-256 (no salt, no KDF) is enough to make the stored hash
// useless to a reader of the database; it is looked up by that hash, so there is nothing to
// compare in constant time.
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '@/lib/db';
import type { Actor } from '@/lib/base/actor';
import { PERMISSIONS, type Permission, type Role } from '@/lib/base/permissions';

export const TOKEN_PREFIX = 'wbt_';
/** "wbt_" + 32 bytes in base64url (43 characters) */
const TOKEN_FORMAT = /^wbt_[A-Za-z0-9_-]{43}$/;
/** how much of the secret the console shows so people can tell tokens apart (48 of 256 bits) */
const DISPLAY_CHARS = TOKEN_PREFIX.length + 8;
/** lastUsedAt is written at most this often per token: a busy script must not write on each call */
export const LAST_USED_RESOLUTION_MS = 60_000;

export function generateApiTokenSecret(): string {
  return TOKEN_PREFIX + randomBytes(32).toString('base64url');
}

export function looksLikeApiToken(value: string): boolean {
  return TOKEN_FORMAT.test(value);
}

/** Hex SHA-256 of the whole secret, as api_tokens.token_hash stores it. */
export function hashApiToken(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

export function displayPrefixOf(secret: string): string {
  return secret.slice(0, DISPLAY_CHARS);
}

/** The credentials of an `Authorization: Bearer <value>` header; null without one. */
export function bearerOf(headers: Pick<Headers, 'get'>): string | null {
  const header = headers.get('authorization');
  if (header === null) return null;
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header);
  // A malformed Authorization header is still an attempt at a token: answer 401, not the session.
  return match?.[1] ?? '';
}

const KNOWN = new Set<string>(PERMISSIONS);
const isPermission = (s: string): s is Permission => KNOWN.has(s);

const DAY_MS = 24 * 60 * 60 * 1000;

/** The tenant's maximum lifetime applies to every token, also one issued before it was lowered. */
export function tokenLapsed(
  token: { createdAt: Date; expiresAt: Date | null },
  maxLifetimeDays: number,
  now: Date,
): boolean {
  if (token.expiresAt && token.expiresAt <= now) return true;
  return token.createdAt.getTime() + maxLifetimeDays * DAY_MS <= now.getTime();
}

/**
 * The actor a bearer value stands for, or null when it is not a live token of any tenant. Unknown,
 * revoked, expired, past the tenant's maximum lifetime, and issued by someone no longer a member
 * (removed, disabled or deleted) all answer null alike, so the caller cannot tell which it was.
 * A token acts with its issuer's CURRENT role as its ceiling, its scopes deciding within it
 * (actorCan); a token the CLI issued (no member issuer) has the admin role as its ceiling.
 */
export async function authenticateApiToken(
  db: Db,
  bearer: string,
  options: { now?: Date; onTouchFailed?: (error: unknown) => void } = {},
): Promise<Actor | null> {
  if (!looksLikeApiToken(bearer)) return null;
  const now = options.now ?? new Date();
  // Unscoped on purpose: the token is what tells us the tenant.
  const row = await db.apiToken.findUnique({
    where: { tokenHash: hashApiToken(bearer) },
    select: {
      id: true,
      name: true,
      scopes: true,
      createdAt: true,
      createdById: true,
      expiresAt: true,
      lastUsedAt: true,
      revokedAt: true,
      tenant: { select: { id: true, slug: true, name: true, maxTokenLifetimeDays: true } },
    },
  });
  if (!row || row.revokedAt || tokenLapsed(row, row.tenant.maxTokenLifetimeDays, now)) return null;
  const role = await issuerRole(db, row.tenant.id, row.createdById);
  if (!role) return null;
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS)
    await touchLastUsed(db, row.id, now).catch((error: unknown) => options.onTouchFailed?.(error));
  return {
    kind: 'token',
    userId: `api:${row.id}`,
    email: '',
    name: `API token "${row.name}"`,
    tenantId: row.tenant.id,
    tenantSlug: row.tenant.slug,
    tenantName: row.tenant.name,
    role,
    // A permission renamed or removed since the token was issued simply stops counting.
    scopes: row.scopes.filter(isPermission),
    issuerUserId: row.createdById,
  };
}

/** The issuer's role in the tenant now; null when the issuer is no longer an enabled member. */
async function issuerRole(db: Db, tenantId: string, issuerId: string | null): Promise<Role | null> {
  // Issued at the server's command line (`waybill token create`): the operator there can do
  // anything in any tenant already, so the token's scopes alone limit it.
  if (issuerId === null) return 'admin';
  const membership = await db.membership.findUnique({
    where: { tenantId_userId: { tenantId, userId: issuerId } },
    select: { role: true, user: { select: { disabledAt: true } } },
  });
  return membership && !membership.user.disabledAt ? membership.role : null;
}

/** Conditional, so concurrent requests of one token write the row once per minute at most. */
function touchLastUsed(db: Db, tokenId: string, now: Date) {
  const threshold = new Date(now.getTime() - LAST_USED_RESOLUTION_MS);
  return db.$executeRaw`
    UPDATE api_tokens SET last_used_at = ${now}
    WHERE id = ${tokenId}::uuid AND (last_used_at IS NULL OR last_used_at <= ${threshold})`;
}
