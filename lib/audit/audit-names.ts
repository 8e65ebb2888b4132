// The audit screen names things: "Warehouse", not "connection 01a24686-…". Entries record ids (a
// name can change; the id cannot), so names are looked up when a page is shown: one query per
// object type on the page, each through the tenant-scoped client (users through this tenant's
// memberships). An object that no longer exists keeps the name its snapshot recorded, marked as
// gone, without a link. The id stays available for a hover title.
import { isUuid } from '@/lib/base/uuid';
import { tenantDb, type Db } from '@/lib/db';
import type { AuditEntryRow } from './audit-list.presenter';
import { auditChanges, type AuditFieldChange } from './audit-change';

export interface AuditObjectName {
  type: string;
  id: string;
  /** what a person calls it; null when there is nothing better than the type and id */
  name: string | null;
  /** the console page of the object, when it has one and still exists */
  href: string | null;
  /** the object was deleted (its name comes from the entry's snapshot) */
  gone: boolean;
}

export interface NamedAuditEntry extends AuditEntryRow {
  objectName: AuditObjectName;
  /** where the actor is managed (people, tokens); null for the system */
  actorHref: string | null;
  /** configuration changes, field by field (empty when the entry records no before/after pair) */
  changes: AuditFieldChange[];
}

type Names = Map<string, string>;

function idsOf(entries: readonly AuditEntryRow[], type: string): string[] {
  const ids = entries.filter((e) => e.object.type === type).map((e) => e.object.id);
  // Ids are uuids everywhere they name rows; anything else would make the uuid cast fail.
  return [...new Set(ids.filter((id) => isUuid(id)))];
}

const toMap = (rows: { id: string; name: string }[]): Names =>
  new Map(rows.map((r) => [r.id, r.name]));

/** One query per type present on the page; types absent cost nothing. */
async function lookUp(db: Db, tenantId: string, entries: readonly AuditEntryRow[]) {
  const scoped = tenantDb(db, tenantId);
  const select = { id: true, name: true } as const;
  const ask = <T>(ids: string[], query: (ids: string[]) => Promise<T>) =>
    ids.length === 0 ? Promise.resolve(null) : query(ids);
  const actorIds = [
    ...new Set(entries.flatMap((e) => (e.actor.userId ? [e.actor.userId] : []))),
  ].filter((id) => isUuid(id));
  const userIds = [...new Set([...idsOf(entries, 'user'), ...actorIds])];
  const [connections, flows, users, sla, alerts, tokens, transactions, tenant] = await Promise.all([
    ask(idsOf(entries, 'connection'), (ids) =>
      scoped.connection.findMany({ where: { id: { in: ids } }, select }),
    ),
    ask(idsOf(entries, 'flow'), (ids) =>
      scoped.flow.findMany({ where: { id: { in: ids } }, select }),
    ),
    ask(userIds, (ids) =>
      scoped.membership.findMany({
        where: { userId: { in: ids } },
        select: { user: { select } },
      }),
    ),
    ask(idsOf(entries, 'sla_rule'), (ids) =>
      scoped.slaRule.findMany({ where: { id: { in: ids } }, select }),
    ),
    ask(idsOf(entries, 'alert_rule'), (ids) =>
      scoped.alertRule.findMany({ where: { id: { in: ids } }, select }),
    ),
    ask(idsOf(entries, 'api_token'), (ids) =>
      scoped.apiToken.findMany({ where: { id: { in: ids } }, select }),
    ),
    ask(idsOf(entries, 'transaction'), (ids) =>
      scoped.transaction.findMany({
        where: { id: { in: ids } },
        select: { id: true, businessKey: true, flow: { select: { name: true } } },
      }),
    ),
    entries.some((e) => e.object.type === 'tenant')
      ? db.tenant.findUnique({ where: { id: tenantId }, select })
      : Promise.resolve(null),
  ]);
  return {
    connection: toMap(connections ?? []),
    flow: toMap(flows ?? []),
    user: toMap((users ?? []).map((m) => m.user)),
    sla_rule: toMap(sla ?? []),
    alert_rule: toMap(alerts ?? []),
    api_token: toMap(tokens ?? []),
    transaction: new Map(
      (transactions ?? []).map((t) => [t.id, `${t.businessKey} (${t.flow.name})`]),
    ),
    tenant: tenant ? new Map([[tenant.id, tenant.name]]) : (new Map() as Names),
  } satisfies Record<string, Names>;
}

type Looked = Awaited<ReturnType<typeof lookUp>>;

const PAGES: Record<keyof Looked, (id: string) => string> = {
  connection: (id) => `/connections/${id}`,
  flow: (id) => `/flows/${id}`,
  user: () => '/settings/users',
  sla_rule: () => '/settings/alerts',
  alert_rule: () => '/settings/alerts',
  api_token: () => '/settings/tokens',
  transaction: (id) => `/transactions/${id}`,
  tenant: () => '/settings',
};

/** Pages of objects that are not looked up by name (their id is what people use). */
const ID_PAGES: Record<string, (id: string) => string> = {
  reconciliation_run: (id) => `/reconciliation/runs/${id}`,
  replay_batch: () => '/replays',
  replay_preflight: () => '/replays',
  error_group: () => '/errors',
  issue: (id) => `/errors/issues/${id}`,
  recovery: (id) => `/recoveries/${id}`,
};

const isLooked = (type: string): type is keyof Looked => Object.hasOwn(PAGES, type);

/** The name a snapshot recorded ("name", else "email", else "key"), for an object now gone. */
function recordedName(e: AuditEntryRow): string | null {
  for (const snap of [e.before, e.after])
    for (const key of ['name', 'email', 'key'])
      if (snap && typeof snap[key] === 'string' && snap[key]) return snap[key];
  return null;
}

function version(snap: Record<string, unknown> | null): number | null {
  const v = snap?.version;
  return typeof v === 'number' ? v : null;
}

/** A mapping entry names its flow and versions and links to their diff on the flow page. */
function mappingName(e: AuditEntryRow, flowName: string) {
  const from = version(e.before);
  const to = version(e.after);
  const name =
    from !== null && to !== null
      ? `${flowName} · mapping v${from} → v${to}`
      : `${flowName} · mapping v${to ?? from ?? '?'}`;
  const created = e.action === 'mapping.version_created' && to !== null && to > 1;
  const query =
    from !== null && to !== null
      ? `?from=${from}&to=${to}`
      : created && to !== null
        ? `?from=${to - 1}&to=${to}`
        : '';
  return { name, href: `/flows/${e.object.id}${query}` };
}

function nameOf(e: AuditEntryRow, looked: Looked): AuditObjectName {
  const { type, id } = e.object;
  const base = { type, id, gone: false };
  if (!isLooked(type))
    return {
      ...base,
      name: null,
      href: ID_PAGES[type] && isUuid(id) ? ID_PAGES[type](id) : null,
    };
  const current = looked[type].get(id);
  if (current === undefined) {
    const recorded = recordedName(e);
    // a user outside this tenant now (removed), a deleted connection, flow or rule
    return { ...base, name: recorded, href: null, gone: isUuid(id) };
  }
  if (type === 'flow' && e.action.startsWith('mapping.'))
    return { ...base, ...mappingName(e, current) };
  return { ...base, name: current, href: PAGES[type](id) };
}

function actorHref(e: AuditEntryRow, looked: Looked): string | null {
  if (e.actor.userId) return looked.user.has(e.actor.userId) ? '/settings/users' : null;
  if (e.actor.tokenId) return '/settings/tokens';
  return null;
}

/** The page's entries with names, links and field changes; the entries themselves unchanged. */
export async function nameAuditEntries(
  db: Db,
  tenantId: string,
  entries: readonly AuditEntryRow[],
): Promise<NamedAuditEntry[]> {
  const looked = await lookUp(db, tenantId, entries);
  return entries.map((e) => ({
    ...e,
    objectName: nameOf(e, looked),
    actorHref: actorHref(e, looked),
    changes: auditChanges(e.before, e.after),
  }));
}
