// Tenant scope by construction: every query through a scoped client gets `tenantId` injected into
// its filter (reads, updates, deletes) or its data (creates), whatever the caller wrote. Nested
// relation writes are not rewritten, so lib/ writes each tenant-owned row with its own create.
import type { Db } from './client';

const TENANT_MODELS = new Set([
  'Membership',
  'Connection',
  'Flow',
  'MappingVersion',
  'InboundEvent',
  'Transaction',
  'TimelineEntry',
  'OutboxEntry',
  'AuditEntry',
  'ReplayBatch',
  'ApiToken',
  'Invitation',
  'ReconciliationRun',
  'DriftItem',
  'SlaRule',
  'SlaBreach',
  'AlertRule',
  'AlertEvent',
  'InboundRefusalCount',
  'Issue',
  'IssueEvent',
  'IssueHourly',
  'Recovery',
]);

const FILTERED = new Set([
  'findUnique',
  'findUniqueOrThrow',
  'findFirst',
  'findFirstOrThrow',
  'findMany',
  'count',
  'aggregate',
  'groupBy',
  'update',
  'updateMany',
  'updateManyAndReturn',
  'delete',
  'deleteMany',
]);

type Args = Record<string, unknown>;

const UPDATES = new Set(['update', 'updateMany', 'updateManyAndReturn']);

/** An update may not move a row to another tenant: a tenantId in its data is forced to ours. */
function pinTenant(data: unknown, tenantId: string): unknown {
  if (Array.isArray(data)) return data.map((d) => pinTenant(d, tenantId));
  return data && typeof data === 'object' && 'tenantId' in data ? { ...data, tenantId } : data;
}

export function scopeArgs(operation: string, args: Args, tenantId: string): Args {
  const withTenant = (data: unknown) => ({ ...(data as object), tenantId });
  if (UPDATES.has(operation))
    return {
      ...args,
      where: { ...(args.where as object), tenantId },
      data: pinTenant(args.data, tenantId),
    };
  if (FILTERED.has(operation)) return { ...args, where: { ...(args.where as object), tenantId } };
  switch (operation) {
    case 'create':
      return { ...args, data: withTenant(args.data) };
    case 'createMany':
    case 'createManyAndReturn': {
      const data = args.data;
      return { ...args, data: Array.isArray(data) ? data.map(withTenant) : withTenant(data) };
    }
    case 'upsert':
      return {
        ...args,
        where: { ...(args.where as object), tenantId },
        create: withTenant(args.create),
        update: pinTenant(args.update, tenantId),
      };
    default:
      // Unknown operations must not run unscoped.
      throw new Error(`tenant scope: operation ${operation} is not supported`);
  }
}

export function forTenant(db: Db, tenantId: string) {
  return db.$extends({
    name: 'tenant-scope',
    query: {
      $allModels: {
        $allOperations({ model, operation, args, query }) {
          if (!TENANT_MODELS.has(model)) return query(args);
          return query(scopeArgs(operation, args, tenantId));
        },
      },
    },
  });
}

export type TenantDb = ReturnType<typeof forTenant>;
/** The client inside `tenantDb.$transaction(async (tx) => ...)`. */
export type TenantTx = Parameters<Parameters<TenantDb['$transaction']>[0]>[0];

const cache = new WeakMap<Db, Map<string, TenantDb>>();

/** Scoped clients are cheap but not free; reuse one per (db, tenant). */
export function tenantDb(db: Db, tenantId: string): TenantDb {
  let perDb = cache.get(db);
  if (!perDb) cache.set(db, (perDb = new Map<string, TenantDb>()));
  let scoped = perDb.get(tenantId);
  if (!scoped) perDb.set(tenantId, (scoped = forTenant(db, tenantId)));
  return scoped;
}
