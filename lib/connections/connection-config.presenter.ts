// Read models for the connection configuration screens. DTOs carry the state of each secret
// (set or not, the key id sealing it, when it last changed) and never a secret: "changed at" comes
// from the audit log, the record of who changed what and when.
import { z } from 'zod';
import { tenantDb, type Db, type Prisma } from '@/lib/db';
import { keyIdOfEnvelope } from '@/lib/crypto/key-ring';
import { notFound } from '@/lib/errors';
import { adapterFor, listAdapters } from '@/lib/providers/registry';
import { effectiveSearchPaths } from '@/lib/ledger/search-paths';
import { CONNECTION_CONFIG_SELECT, maskingRulesOf, searchPathsOf } from './connection-record';

export interface SecretStateDto {
  set: boolean;
  keyId: string | null;
  changedAt: string | null;
}

export interface ProviderOptionDto {
  kind: string;
  displayName: string;
  credentialFields: string[];
  receivesWebhooks: boolean;
  canTest: boolean;
  /** what the settings field starts with (JSON text) */
  settingsExample: string;
  /** configured by settings rather than code: credentials by auth type, webhooks if inbound set */
  configurable: boolean;
}

export function listProviderOptions(): ProviderOptionDto[] {
  return listAdapters().map((a) => ({
    kind: a.kind,
    displayName: a.displayName,
    credentialFields: credentialFieldsOf(a.credentials),
    // a configurable kind's webhooks and test request are whatever its settings say
    receivesWebhooks: Boolean(a.webhook ?? a.settingsExample),
    canTest: Boolean(a.testConnection ?? a.settingsExample),
    settingsExample: a.settingsExample ? JSON.stringify(a.settingsExample, null, 2) : '{}',
    configurable: a.settingsExample !== undefined,
  }));
}

/** The credential form's fields: the keys of the adapter's credentials object schema. */
function credentialFieldsOf(schema: z.ZodType): string[] {
  return schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
}

export async function getConnectionConfig(db: Db, tenantId: string, connectionId: string) {
  const scoped = tenantDb(db, tenantId);
  const row = /^[0-9a-f-]{36}$/i.test(connectionId)
    ? await scoped.connection.findFirst({
        where: { id: connectionId },
        select: CONNECTION_CONFIG_SELECT,
      })
    : null;
  if (!row) throw notFound('connection');
  const adapter = adapterFor(row);
  const history = await secretHistory(db, tenantId, row.id);
  const state = (sealed: string | null, changedAt: Date | null): SecretStateDto => ({
    set: sealed !== null,
    keyId: sealed ? keyIdOfEnvelope(sealed) : null,
    changedAt: sealed && changedAt ? changedAt.toISOString() : null,
  });
  const now = Date.now();
  const overlapUntil =
    row.previousSecretEncrypted && row.webhookSecretOverlapUntil
      ? row.webhookSecretOverlapUntil
      : null;
  return {
    id: row.id,
    key: row.key,
    name: row.name,
    provider: row.provider,
    providerName: adapter.displayName,
    baseUrl: row.baseUrl,
    status: row.status,
    settingsJson: JSON.stringify(row.settings ?? {}, null, 2),
    rateLimitPerSecond: row.rateLimitPerSecond,
    maxConcurrency: row.maxConcurrency,
    maskingRules: maskingRulesOf(row.maskingRules),
    ...searchPathsView(row),
    credentials: {
      ...state(row.credentialsEncrypted, history.auth),
      fields: credentialFieldsOf(adapter.credentials),
    },
    webhook: {
      receives: Boolean(adapter.webhook),
      ...state(row.webhookSecretEncrypted, history.webhook),
      /** set while the previous secret still verifies */
      previousAcceptedUntil:
        overlapUntil && overlapUntil.getTime() > now ? overlapUntil.toISOString() : null,
    },
    canTest: Boolean(adapter.testConnection),
    // a sender that signs nothing proves itself by the token (the webhook secret) in the path
    ingestPath: `/api/ingest/{tenant}/${row.key}${adapter.webhook?.pathToken ? '/{webhook secret}' : ''}`,
    asOf: new Date(now).toISOString(),
  };
}

export type ConnectionConfig = Awaited<ReturnType<typeof getConnectionConfig>>;

/** When credentials and the webhook secret last changed, from the audit log (null: before it). */
async function secretHistory(db: Db, tenantId: string, connectionId: string) {
  const [row] = await db.$queryRaw<{ auth: Date | null; webhook: Date | null }[]>`
    SELECT
      max(created_at) FILTER (WHERE action = 'connection.credentials_replaced'
        OR (action = 'connection.created' AND after->'auth'->>'state' = 'set')) AS auth,
      max(created_at) FILTER (WHERE action = 'connection.webhook_secret_rotated'
        OR (action = 'connection.created' AND after->'webhookSigning'->>'state' = 'set')) AS webhook
    FROM audit_entries
    WHERE tenant_id = ${tenantId}::uuid AND object_type = 'connection'
      AND object_id = ${connectionId}
      AND action IN ('connection.created', 'connection.credentials_replaced',
                     'connection.webhook_secret_rotated')`;
  return { auth: row?.auth ?? null, webhook: row?.webhook ?? null };
}

/** Every connection of the tenant as configuration (the API's list): secrets only as set or not. */
export async function listConnectionConfigs(db: Db, tenantId: string) {
  const rows = await tenantDb(db, tenantId).connection.findMany({
    orderBy: { key: 'asc' },
    select: CONNECTION_CONFIG_SELECT,
  });
  return rows.map(connectionConfigOf);
}

type ConfigRow = Prisma.ConnectionGetPayload<{ select: typeof CONNECTION_CONFIG_SELECT }>;

/** One connection as the API shows it (the list and GET …/{id}): the sealed values stay here. */
export function connectionConfigOf(row: ConfigRow) {
  return {
    id: row.id,
    key: row.key,
    name: row.name,
    provider: row.provider,
    baseUrl: row.baseUrl,
    status: row.status,
    settings: settingsOf(row.settings),
    rateLimitPerSecond: row.rateLimitPerSecond,
    maxConcurrency: row.maxConcurrency,
    maskingRules: maskingRulesOf(row.maskingRules),
    ...searchPathsView(row),
    credentialsSet: row.credentialsEncrypted !== null,
    webhookSecretSet: row.webhookSecretEncrypted !== null,
  };
}

/** The connection's own search paths and the ones ingest applies now (its adapter's defaults). */
function searchPathsView(row: ConfigRow) {
  const own = searchPathsOf(row.searchPaths);
  const defaults = adapterFor(row).searchPaths ?? [];
  return {
    searchPaths: own,
    searchPathsInEffect: effectiveSearchPaths(own, defaults),
    searchPathDefaults: [...defaults],
  };
}

/** Settings are an object by the adapters' schemas (ProviderAdapter.settings); typed so here. */
function settingsOf(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}
