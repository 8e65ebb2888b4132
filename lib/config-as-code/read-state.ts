// A tenant's configuration as stored, read into the document's shape (ids turned into keys and
// names) plus the ids behind each key, for export and for apply (which reads it inside its own
// transaction, so the plan is made from exactly what it then changes). Secrets are never selected.
import type { Prisma, TenantTx } from '@/lib/db';
import { parseRetryPolicy } from '@/lib/engine/retry-policy';
import { AppError } from '@/lib/errors';
import { listAdapters } from '@/lib/providers/registry';
import { paramsToDoc, type RefKind } from './alert-params';
import {
  API_VERSION,
  canonicalize,
  DOCUMENT_KIND,
  type AlertRuleDoc,
  type ConfigDocument,
  type ConnectionDoc,
  type FlowDoc,
  type MappingVersionDoc,
} from './document';
import { POLICIES_SELECT, policiesOf } from './policy-columns';

export interface TenantRow {
  id: string;
  slug: string;
  name: string;
}

/** key (connections, flows) or name (rules) -> id; for rules sharing a name, the first one */
export interface StateIds {
  connections: Map<string, string>;
  flows: Map<string, string>;
  slaRules: Map<string, string>;
  alertRules: Map<string, string>;
}

export interface TenantState {
  document: ConfigDocument;
  ids: StateIds;
}

// Explicit selects: credentials, webhook secrets and signing secrets are never read here.
const CONNECTION_SELECT = {
  id: true,
  key: true,
  name: true,
  provider: true,
  baseUrl: true,
  settings: true,
  maskingRules: true,
  rateLimitPerSecond: true,
  maxConcurrency: true,
  status: true,
  pauseReason: true,
} as const satisfies Prisma.ConnectionSelect;
const ALERT_RULE_SELECT = {
  id: true,
  name: true,
  kind: true,
  params: true,
  webhookUrl: true,
  quietMinutes: true,
  enabled: true,
} as const satisfies Prisma.AlertRuleSelect;

type Json = ConnectionDoc['settings'];
const objectOf = (value: Prisma.JsonValue): Json =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {};
const stringsOf = (value: Prisma.JsonValue): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];

/**
 * The stored settings as the adapter reads them, defaults filled in, as the console and apply store
 * them: a row written another way (the demo's seed, or before a release added a defaulted field)
 * then exports, and plans, the same as one the console wrote, instead of showing a change that is
 * none. Settings the adapter no longer accepts are shown as stored (apply refuses them, with why).
 */
function settingsAsRead(provider: string, stored: Prisma.JsonValue): Json {
  const parsed = listAdapters()
    .find((a) => a.kind === provider)
    ?.settings.safeParse(stored);
  return parsed?.success ? (parsed.data as Json) : objectOf(stored);
}

function invert(ids: Map<string, string>): Map<string, string> {
  return new Map([...ids].map(([name, id]) => [id, name]));
}

/** Reads through a tenant-scoped client or transaction; every query also names the tenant. */
export async function readState(client: TenantTx, tenant: TenantRow): Promise<TenantState> {
  const tenantId = tenant.id;
  const [policies, connections, flows, versions, slaRules, alertRules] = await Promise.all([
    client.tenant.findUniqueOrThrow({ where: { id: tenantId }, select: POLICIES_SELECT }),
    client.connection.findMany({
      where: { tenantId },
      orderBy: { key: 'asc' },
      select: CONNECTION_SELECT,
    }),
    client.flow.findMany({ where: { tenantId }, orderBy: { key: 'asc' } }),
    client.mappingVersion.findMany({ where: { tenantId }, orderBy: { version: 'asc' } }),
    client.slaRule.findMany({ where: { tenantId }, orderBy: [{ name: 'asc' }, { id: 'asc' }] }),
    // the document describes webhook alert rules; Slack, PagerDuty and email rules hold sealed
    // destinations it has no words for, and are left as they are
    client.alertRule.findMany({
      where: { tenantId, channel: 'webhook' },
      orderBy: [{ name: 'asc' }, { id: 'asc' }],
      select: ALERT_RULE_SELECT,
    }),
  ]);
  const ids: StateIds = {
    connections: new Map(connections.map((c) => [c.key, c.id])),
    flows: new Map(flows.map((f) => [f.key, f.id])),
    slaRules: new Map([...slaRules].reverse().map((r) => [r.name, r.id])),
    alertRules: new Map([...alertRules].reverse().map((r) => [r.name, r.id])),
  };
  const names = {
    flow: invert(ids.flows),
    connection: invert(ids.connections),
    slaRule: new Map(slaRules.map((r) => [r.id, r.name])),
  } satisfies Record<RefKind, Map<string, string>>;
  const dangling = (what: string, ref: string) =>
    new AppError(
      'CONFLICT',
      `${what} names a ${ref} that no longer exists: fix or delete it in the console first`,
    );
  const flowKey = (id: string | null, what: string): string | null => {
    if (id === null) return null;
    const key = names.flow.get(id);
    if (key === undefined) throw dangling(what, 'flow');
    return key;
  };

  const connectionDocs: ConnectionDoc[] = connections.map((c) => ({
    key: c.key,
    name: c.name,
    provider: c.provider,
    baseUrl: c.baseUrl,
    settings: settingsAsRead(c.provider, c.settings),
    maskingRules: stringsOf(c.maskingRules),
    rateLimitPerSecond: c.rateLimitPerSecond,
    maxConcurrency: c.maxConcurrency,
    status: c.status,
    pauseReason: c.status === 'paused' ? c.pauseReason : null,
  }));

  const flowDocs: FlowDoc[] = flows.map((f) => {
    const own = versions.filter((v) => v.flowId === f.id);
    const docVersions: MappingVersionDoc[] = own.map((v) => ({
      version: v.version,
      expression: v.expression,
      outputSchema: objectOf(v.outputSchema),
      statusTable: objectOf(v.statusTable),
      fieldOwnership: objectOf(v.fieldOwnership),
      note: v.note,
    }));
    return {
      key: f.key,
      name: f.name,
      source: names.connection.get(f.sourceConnectionId) ?? '',
      eventType: f.eventType,
      target: names.connection.get(f.targetConnectionId) ?? '',
      operation: f.operation,
      retryPolicy: parseRetryPolicy(f.retryPolicy),
      dependsOn: flowKey(f.dependsOnFlowId, `flow "${f.key}"`),
      poll: f.pollFeed === null ? null : { feed: f.pollFeed, everyMs: f.pollEveryMs },
      reconciliation: { scheduled: f.reconcileScheduled, cron: f.reconcileCron },
      status: f.status,
      pauseReason: f.status === 'paused' ? f.pauseReason : null,
      mapping: {
        active: own.find((v) => v.id === f.activeMappingVersionId)?.version ?? null,
        versions: docVersions,
      },
    };
  });

  const alertDocs: AlertRuleDoc[] = alertRules.map((r) => {
    const { params, dangling: gone } = paramsToDoc(objectOf(r.params), (kind, id) => {
      return names[kind].get(id) ?? null;
    });
    if (gone[0]) throw dangling(`alert rule "${r.name}"`, gone[0]);
    return {
      name: r.name,
      kind: r.kind as AlertRuleDoc['kind'],
      params,
      webhookUrl: r.webhookUrl ?? '',
      quietMinutes: r.quietMinutes,
      enabled: r.enabled,
    };
  });

  const document = canonicalize({
    apiVersion: API_VERSION,
    kind: DOCUMENT_KIND,
    tenant: { slug: tenant.slug, name: tenant.name },
    policies: policiesOf(policies),
    connections: connectionDocs,
    flows: flowDocs,
    slaRules: slaRules.map((r) => ({
      name: r.name,
      startFlow: flowKey(r.startFlowId, `SLA rule "${r.name}"`),
      expectFlow: flowKey(r.expectFlowId, `SLA rule "${r.name}"`) ?? '',
      withinMinutes: r.withinMinutes,
      enabled: r.enabled,
    })),
    alertRules: alertDocs,
  });
  return { document, ids };
}
