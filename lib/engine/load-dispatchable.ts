// Everything a batch of dispatches needs, in one joined read: the transaction, its inbound body,
// flow, active mapping, target connection, whether a newer state of the same source object exists
// (staleness) and the state of the transaction it depends on.
import { queryRows, type Db, type ErrorClass, type Prisma, type TransactionStatus } from '@/lib/db';

export interface Dispatchable {
  id: string;
  tenantId: string;
  status: TransactionStatus;
  errorClass: ErrorClass | null;
  createdAt: Date;
  attempts: number;
  idempotencyKey: string;
  businessKey: string;
  externalRefs: Prisma.JsonObject;
  inboundBody: string;
  /** a command for this transaction was sent before (timeline says so) */
  sentBefore: boolean;
  /** a transaction of the same flow for a newer state of the same source object */
  supersededBy: string | null;
  flow: { name: string; operation: string; retryPolicy: unknown };
  dependency: {
    flowName: string;
    transactionId: string | null;
    status: TransactionStatus | null;
  } | null;
  mapping: {
    id: string;
    version: number;
    expression: string;
    statusTable: Prisma.JsonValue;
  } | null;
}

interface Row {
  id: string;
  tenant_id: string;
  status: TransactionStatus;
  error_class: ErrorClass | null;
  created_at: Date;
  attempts: number;
  idempotency_key: string;
  business_key: string;
  external_refs: Prisma.JsonObject;
  body: string;
  sent_before: boolean;
  superseded_by: string | null;
  flow_name: string;
  operation: string;
  retry_policy: unknown;
  dep_flow_name: string | null;
  dep_id: string | null;
  dep_status: TransactionStatus | null;
  mapping_id: string | null;
  mapping_version: number | null;
  expression: string | null;
  status_table: Prisma.JsonValue;
}

export async function loadDispatchables(
  db: Db,
  tenantId: string,
  transactionIds: readonly string[],
): Promise<Dispatchable[]> {
  if (transactionIds.length === 0) return [];
  const rows = await queryRows<Row>(db)`
    SELECT t.id::text, t.tenant_id::text, t.status::text AS status, t.error_class::text AS error_class, t.created_at, t.attempts, t.idempotency_key, t.business_key, t.external_refs,
           e.body,
           (t.attempts > 0 OR EXISTS (SELECT 1 FROM timeline_entries x WHERE x.transaction_id = t.id AND x.type = 'command.sent')) AS sent_before,
           (SELECT s.id::text FROM transactions s
             WHERE s.tenant_id = t.tenant_id AND s.flow_id = t.flow_id AND s.source_object_id = t.source_object_id
               AND s.source_sequence > t.source_sequence AND s.status <> 'cancelled' LIMIT 1) AS superseded_by,
           f.name AS flow_name, f.operation, f.retry_policy,
           df.name AS dep_flow_name, d.id::text AS dep_id, d.status::text AS dep_status,
           m.id::text AS mapping_id, m.version AS mapping_version, m.expression, m.status_table
    FROM transactions t
    JOIN inbound_events e ON e.id = t.inbound_event_id AND e.tenant_id = t.tenant_id
    JOIN flows f ON f.id = t.flow_id AND f.tenant_id = t.tenant_id
    LEFT JOIN flows df ON df.id = f.depends_on_flow_id AND df.tenant_id = t.tenant_id
    LEFT JOIN LATERAL (
      SELECT d.id, d.status FROM transactions d
      WHERE df.id IS NOT NULL AND d.tenant_id = t.tenant_id AND d.business_key = t.business_key AND d.flow_id = df.id
      ORDER BY (d.status = 'completed') DESC, d.created_at DESC LIMIT 1
    ) d ON true
    LEFT JOIN mapping_versions m ON m.id = f.active_mapping_version_id AND m.tenant_id = t.tenant_id
    WHERE t.id = ANY(${transactionIds}::uuid[]) AND t.tenant_id = ${tenantId}::uuid`;
  return rows.map((r) => ({
    id: r.id,
    tenantId: r.tenant_id,
    status: r.status,
    errorClass: r.error_class,
    createdAt: r.created_at,
    attempts: r.attempts,
    idempotencyKey: r.idempotency_key,
    businessKey: r.business_key,
    externalRefs: r.external_refs,
    inboundBody: r.body,
    sentBefore: r.sent_before,
    supersededBy: r.superseded_by,
    flow: {
      name: r.flow_name,
      operation: r.operation,
      retryPolicy: r.retry_policy,
    },
    dependency: r.dep_flow_name
      ? { flowName: r.dep_flow_name, transactionId: r.dep_id, status: r.dep_status }
      : null,
    mapping:
      r.mapping_id && r.expression !== null && r.mapping_version !== null
        ? {
            id: r.mapping_id,
            version: r.mapping_version,
            expression: r.expression,
            statusTable: r.status_table,
          }
        : null,
  }));
}

export interface TargetConnection {
  id: string;
  tenantId: string;
  key: string;
  name: string;
  provider: string;
  baseUrl: string;
  credentialsEncrypted: string | null;
  status: 'active' | 'paused';
  rateLimitPerSecond: number | null;
  maxConcurrency: number | null;
  settings: Prisma.JsonValue;
  circuitState: 'closed' | 'open' | 'half_open';
  circuitChangedAt: Date | null;
}

export async function findTargetConnection(
  db: Db,
  tenantId: string,
  connectionId: string,
): Promise<TargetConnection | null> {
  const [c] = await db.$queryRaw<
    (Omit<
      TargetConnection,
      | 'tenantId'
      | 'baseUrl'
      | 'credentialsEncrypted'
      | 'rateLimitPerSecond'
      | 'maxConcurrency'
      | 'circuitState'
      | 'circuitChangedAt'
    > & {
      tenant_id: string;
      base_url: string;
      credentials_encrypted: string | null;
      rate_limit_per_second: number | null;
      max_concurrency: number | null;
      circuit_state: TargetConnection['circuitState'];
      circuit_changed_at: Date | null;
    })[]
  >`
    SELECT c.id::text, c.tenant_id::text, c.key, c.name, c.provider, c.base_url, c.credentials_encrypted,
           c.status::text AS status,
           -- a guided recovery's drain rate holds until the recovery ends (lib/recovery): the
           -- lower of it and the connection's own limit (LEAST skips a NULL)
           LEAST(c.rate_limit_per_second,
                 (SELECT r.drain_rate_per_second FROM recoveries r
                  WHERE r.connection_id = c.id AND r.tenant_id = c.tenant_id
                    AND r.state IN ('draining', 'reconciling'))) AS rate_limit_per_second,
           c.max_concurrency, c.settings, c.circuit_state::text AS circuit_state, c.circuit_changed_at
    FROM connections c WHERE c.id = ${connectionId}::uuid AND c.tenant_id = ${tenantId}::uuid`;
  if (!c) return null;
  return {
    id: c.id,
    tenantId: c.tenant_id,
    key: c.key,
    name: c.name,
    provider: c.provider,
    baseUrl: c.base_url,
    credentialsEncrypted: c.credentials_encrypted,
    status: c.status,
    rateLimitPerSecond: c.rate_limit_per_second,
    maxConcurrency: c.max_concurrency,
    settings: c.settings,
    circuitState: c.circuit_state,
    circuitChangedAt: c.circuit_changed_at,
  };
}
