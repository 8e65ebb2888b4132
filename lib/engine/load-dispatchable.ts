// Everything one dispatch needs, in one joined read (the worker's hot path: one round trip).
import type { ConnectionStatus, Db, FlowStatus, Prisma, TransactionStatus } from '@/lib/db';

export interface Dispatchable {
  id: string;
  tenantId: string;
  status: TransactionStatus;
  attempts: number;
  nextAttemptAt: Date | null;
  idempotencyKey: string;
  externalRefs: Prisma.JsonObject;
  inboundBody: string;
  flow: { name: string; operation: string; retryPolicy: unknown; status: FlowStatus };
  mapping: {
    id: string;
    version: number;
    expression: string;
    statusTable: Prisma.JsonValue;
  } | null;
  target: {
    key: string;
    name: string;
    provider: string;
    baseUrl: string;
    credentialsEncrypted: string | null;
    status: ConnectionStatus;
  };
}

interface Row {
  id: string;
  tenant_id: string;
  status: TransactionStatus;
  attempts: number;
  next_attempt_at: Date | null;
  idempotency_key: string;
  external_refs: Prisma.JsonObject;
  body: string;
  flow_name: string;
  operation: string;
  retry_policy: unknown;
  flow_status: FlowStatus;
  mapping_id: string | null;
  mapping_version: number | null;
  expression: string | null;
  status_table: Prisma.JsonValue;
  target_key: string;
  target_name: string;
  provider: string;
  base_url: string;
  credentials_encrypted: string | null;
  target_status: ConnectionStatus;
}

export async function loadDispatchable(
  db: Db,
  tenantId: string,
  transactionId: string,
): Promise<Dispatchable | null> {
  const rows = await db.$queryRaw<Row[]>`
    SELECT t.id::text, t.tenant_id::text, t.status::text AS status, t.attempts, t.next_attempt_at, t.idempotency_key, t.external_refs,
           e.body, f.name AS flow_name, f.operation, f.retry_policy, f.status::text AS flow_status,
           m.id::text AS mapping_id, m.version AS mapping_version, m.expression, m.status_table,
           c.key AS target_key, c.name AS target_name, c.provider, c.base_url, c.credentials_encrypted, c.status::text AS target_status
    FROM transactions t
    JOIN inbound_events e ON e.id = t.inbound_event_id AND e.tenant_id = t.tenant_id
    JOIN flows f ON f.id = t.flow_id AND f.tenant_id = t.tenant_id
    JOIN connections c ON c.id = f.target_connection_id AND c.tenant_id = t.tenant_id
    LEFT JOIN mapping_versions m ON m.id = f.active_mapping_version_id AND m.tenant_id = t.tenant_id
    WHERE t.id = ${transactionId}::uuid AND t.tenant_id = ${tenantId}::uuid`;
  const r = rows[0];
  if (!r) return null;
  return {
    id: r.id,
    tenantId: r.tenant_id,
    status: r.status,
    attempts: r.attempts,
    nextAttemptAt: r.next_attempt_at,
    idempotencyKey: r.idempotency_key,
    externalRefs: r.external_refs,
    inboundBody: r.body,
    flow: {
      name: r.flow_name,
      operation: r.operation,
      retryPolicy: r.retry_policy,
      status: r.flow_status,
    },
    mapping:
      r.mapping_id && r.expression !== null && r.mapping_version !== null
        ? {
            id: r.mapping_id,
            version: r.mapping_version,
            expression: r.expression,
            statusTable: r.status_table,
          }
        : null,
    target: {
      key: r.target_key,
      name: r.target_name,
      provider: r.provider,
      baseUrl: r.base_url,
      credentialsEncrypted: r.credentials_encrypted,
      status: r.target_status,
    },
  };
}
