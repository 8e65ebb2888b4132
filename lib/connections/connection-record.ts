// The connection row as the configuration use cases read it, and its audit snapshot. Snapshots
// carry the state of each secret (set or not, which key seals it, when it last changed) and never
// the secret: field names avoid the words the audit redactor blanks, so that state stays readable.
import type { Prisma, TenantTx } from '@/lib/db';
import { keyIdOfEnvelope } from '@/lib/crypto/key-ring';
import { notFound } from '@/lib/errors';
import type { AuditContext } from '@/lib/ledger/operator-audit';
import type { Operator } from '@/lib/ledger/operator';

/** Who changes a connection, and for which request: every use case here takes it. */
export interface ConfigActor {
  actor: Operator;
  audit?: AuditContext;
}

export const CONNECTION_CONFIG_SELECT = {
  id: true,
  key: true,
  name: true,
  provider: true,
  baseUrl: true,
  settings: true,
  rateLimitPerSecond: true,
  maxConcurrency: true,
  maskingRules: true,
  searchPaths: true,
  status: true,
  credentialsEncrypted: true,
  webhookSecretEncrypted: true,
  previousSecretEncrypted: true,
  webhookSecretOverlapUntil: true,
} as const satisfies Prisma.ConnectionSelect;

export type ConnectionConfigRow = Prisma.ConnectionGetPayload<{
  select: typeof CONNECTION_CONFIG_SELECT;
}>;

/** Reads the row FOR UPDATE (concurrent edits queue up); another tenant's id is not found. */
export async function lockConnection(
  tx: TenantTx,
  tenantId: string,
  connectionId: string,
): Promise<ConnectionConfigRow> {
  const ok = /^[0-9a-f-]{36}$/i.test(connectionId);
  const [locked] = ok
    ? await tx.$queryRaw<{ id: string }[]>`
        SELECT id::text AS id FROM connections
        WHERE id = ${connectionId}::uuid AND tenant_id = ${tenantId}::uuid FOR UPDATE`
    : [];
  if (!locked) throw notFound('connection');
  const row = await tx.connection.findFirst({
    where: { id: connectionId },
    select: CONNECTION_CONFIG_SELECT,
  });
  if (!row) throw notFound('connection');
  return row;
}

export interface SecretState {
  state: 'set' | 'unset';
  keyId: string | null;
  changedAt: string | null;
}

export function secretState(sealed: string | null, changedAt: Date | null): SecretState {
  return sealed
    ? { state: 'set', keyId: keyIdOfEnvelope(sealed), changedAt: changedAt?.toISOString() ?? null }
    : { state: 'unset', keyId: null, changedAt: null };
}

export function maskingRulesOf(value: Prisma.JsonValue): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** A connection's own payload search paths; null: its adapter's defaults (docs/adr/0027). */
export function searchPathsOf(value: Prisma.JsonValue | null): string[] | null {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : null;
}

/** The audit snapshot of a connection's configuration: no secret value, ever. */
export function configSnapshot(
  row: ConnectionConfigRow,
  changed: { auth?: Date | null; webhook?: Date | null } = {},
): Record<string, unknown> {
  return {
    key: row.key,
    name: row.name,
    provider: row.provider,
    baseUrl: row.baseUrl,
    settings: row.settings,
    rateLimitPerSecond: row.rateLimitPerSecond,
    maxConcurrency: row.maxConcurrency,
    maskingRules: maskingRulesOf(row.maskingRules),
    searchPaths: searchPathsOf(row.searchPaths),
    auth: secretState(row.credentialsEncrypted, changed.auth ?? null),
    webhookSigning: {
      ...secretState(row.webhookSecretEncrypted, changed.webhook ?? null),
      previousAcceptedUntil:
        row.previousSecretEncrypted && row.webhookSecretOverlapUntil
          ? row.webhookSecretOverlapUntil.toISOString()
          : null,
    },
  };
}
