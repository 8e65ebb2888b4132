// "Test connection": the adapter's harmless authenticated read with the stored credentials, its
// outcome in words, and an audit entry of the outcome (never the credentials or the exchange).
import { auditActorOf, recordAuditAlone } from '@/lib/audit';
import type { KeyRing } from '@/lib/crypto/key-ring';
import { tenantDb, type Db, type ErrorClass } from '@/lib/db';
import { readCredentials } from '@/lib/providers/credentials';
import { notFound } from '@/lib/errors';
import { adapterFor } from '@/lib/providers/registry';
import type { ConfigActor } from './connection-record';

export type ConnectionTestOutcome =
  | { ok: true; message: string; durationMs: number }
  | { ok: false; errorClass: ErrorClass | 'not_supported'; message: string; durationMs: number };

export async function testConnection(
  db: Db,
  tenantId: string,
  connectionId: string,
  by: ConfigActor & { keyRing: KeyRing; timeoutMs: number },
): Promise<ConnectionTestOutcome> {
  const scoped = tenantDb(db, tenantId);
  const row = /^[0-9a-f-]{36}$/i.test(connectionId)
    ? await scoped.connection.findFirst({
        where: { id: connectionId },
        select: {
          id: true,
          provider: true,
          settings: true,
          baseUrl: true,
          credentialsEncrypted: true,
        },
      })
    : null;
  if (!row) throw notFound('connection');
  const adapter = adapterFor(row);
  const credentials = readCredentials(row.provider, row.credentialsEncrypted, by.keyRing);
  let outcome: ConnectionTestOutcome;
  if (!adapter.testConnection)
    outcome = {
      ok: false,
      errorClass: 'not_supported',
      message: `${adapter.displayName} offers no test call.`,
      durationMs: 0,
    };
  else if (!credentials)
    outcome = {
      ok: false,
      errorClass: 'auth',
      message: row.credentialsEncrypted
        ? 'The stored credentials cannot be read or are incomplete — replace them.'
        : 'No credentials are set — enter them first.',
      durationMs: 0,
    };
  else
    outcome = await adapter.testConnection({
      baseUrl: row.baseUrl,
      credentials,
      timeoutMs: by.timeoutMs,
    });
  // The answer may quote the provider; make sure none of our own credentials ride along.
  for (const value of Object.values(credentials ?? {}))
    if (value.length >= 4) outcome.message = outcome.message.split(value).join('[redacted]');
  await recordAuditAlone(scoped, {
    tenantId,
    actor: auditActorOf(by.actor),
    requestId: by.audit?.requestId ?? null,
    event: {
      action: 'connection.tested',
      objectType: 'connection',
      objectId: row.id,
      after: outcome.ok
        ? { outcome: 'ok', durationMs: outcome.durationMs }
        : { outcome: outcome.errorClass, message: outcome.message, durationMs: outcome.durationMs },
    },
  });
  return outcome;
}
