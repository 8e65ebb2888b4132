// Resolves /api/ingest/{tenant}/{connection} to what ingest needs, with decrypted webhook secrets.
// Cached briefly per process: ingest is the hottest path and connections change rarely (a rotated
// secret takes effect within CACHE_TTL_MS; the previous secret stays valid during its overlap).
import type { Db } from '@/lib/db';
import type { KeyRing } from '@/lib/crypto/key-ring';
import { notFound } from '@/lib/errors';
import { isPathKey } from './inbound-bounds';

const CACHE_TTL_MS = 5000;
/** Unknown paths are cached too, and they are cheap to invent: the cache is bounded. */
const CACHE_MAX_ENTRIES = 1000;

export interface IngestTarget {
  tenantId: string;
  connectionId: string;
  connectionName: string;
  provider: string;
  /** the generic HTTP kind's adapter is built from them */
  settings: unknown;
  secrets: string[];
  /** the connection's own search paths as stored (null: its adapter's defaults) */
  searchPaths: unknown;
  flows: { id: string; eventType: string }[];
}

type TargetCache = Map<string, { target: IngestTarget | null; expiresAt: number }>;
// On globalThis, not module scope: Next bundles the webhook route and the console's server actions
// separately, each with its own copy of this module, so a rotation clearing a module-level cache
// would not reach the receiver's copy in the same process. One cache per database client: a path
// names a connection only within one ledger, and a process that talks to several (the test suites,
// which share one process between files, each with its own database) must never answer one
// ledger's path with another's connection.
interface TargetCaches {
  byDb: WeakMap<Db, TargetCache>;
}
const holder = globalThis as unknown as { __waybillIngestTargetsByDb?: TargetCaches };
const caches: TargetCaches = (holder.__waybillIngestTargetsByDb ??= { byDb: new WeakMap() });

function cacheOf(db: Db): TargetCache {
  let cache = caches.byDb.get(db);
  if (!cache) caches.byDb.set(db, (cache = new Map() as TargetCache));
  return cache;
}

export async function resolveIngestTarget(
  db: Db,
  keyRing: KeyRing,
  tenantSlug: string,
  connectionKey: string,
): Promise<IngestTarget> {
  // Anything but a plain key names no tenant: not found before any query (PostgreSQL text refuses
  // NUL, which would otherwise read as "ledger unavailable"). The edges answer a NUL or a kilobyte
  // 400 before this (ingest-delivery.ts); other callers still meet this guard.
  if (!isPathKey(tenantSlug) || !isPathKey(connectionKey)) throw notFound('tenant or connection');
  const cache = cacheOf(db);
  const cacheKey = `${tenantSlug}/${connectionKey}`;
  const hit = cache.get(cacheKey);
  const now = Date.now();
  if (hit && hit.expiresAt > now) {
    if (!hit.target) throw notFound('tenant or connection');
    return hit.target;
  }
  // The one unscoped read of ingest: the tenant is what this lookup establishes.
  const connection = await db.connection.findFirst({
    where: { key: connectionKey, tenant: { slug: tenantSlug } },
    select: {
      id: true,
      tenantId: true,
      name: true,
      provider: true,
      settings: true,
      searchPaths: true,
      webhookSecretEncrypted: true,
      previousSecretEncrypted: true,
      webhookSecretOverlapUntil: true,
      // a retired flow takes no new transactions: its events are recorded, nothing is fanned out
      sourceFlows: { where: { status: { not: 'retired' } }, select: { id: true, eventType: true } },
    },
  });
  const target = connection && {
    tenantId: connection.tenantId,
    connectionId: connection.id,
    connectionName: connection.name,
    provider: connection.provider,
    settings: connection.settings,
    searchPaths: connection.searchPaths,
    secrets: [
      connection.webhookSecretEncrypted,
      connection.webhookSecretOverlapUntil && connection.webhookSecretOverlapUntil.getTime() > now
        ? connection.previousSecretEncrypted
        : null,
    ]
      .filter((s): s is string => Boolean(s))
      .map((s) => keyRing.open(s)),
    flows: connection.sourceFlows,
  };
  if (cache.size >= CACHE_MAX_ENTRIES) cache.clear();
  cache.set(cacheKey, { target, expiresAt: now + CACHE_TTL_MS });
  if (!target) throw notFound('tenant or connection');
  return target;
}

/** Forgets every cached target, of every database client (a new WeakMap drops them all). */
export function clearIngestTargetCache(): void {
  caches.byDb = new WeakMap();
}
