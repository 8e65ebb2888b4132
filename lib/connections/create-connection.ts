// Creates a connection: the provider from the registry, a key unique in the tenant (it names the
// ingest URL), a base URL the outbound guard accepts (lib/outbound: no internal address, no
// user:password), settings checked by the adapter's own schema, and optional credentials and
// webhook secret sealed under the active key. The audit entry is written in the same transaction.
import { z } from 'zod';
import { auditActorOf, recordAudit } from '@/lib/audit';
import type { KeyRing } from '@/lib/crypto/key-ring';
import { tenantDb, UNIQUE_VIOLATION, type Db, type Prisma } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { adapterFor, listAdapters } from '@/lib/providers/registry';
import * as rules from './connection-input';
import { CONNECTION_CONFIG_SELECT, configSnapshot, type ConfigActor } from './connection-record';

const createInput = z.object({
  key: rules.connectionKey,
  name: rules.connectionName,
  provider: z.string().min(1, 'choose a provider'),
  baseUrl: rules.baseUrl,
  settings: z.unknown().optional(),
  rateLimitPerSecond: rules.rateLimitPerSecond.optional(),
  maxConcurrency: rules.maxConcurrency.optional(),
  credentials: z.record(z.string(), z.unknown()).optional(),
  webhookSecret: rules.webhookSecret.optional(),
});

export type CreateConnectionInput = z.input<typeof createInput>;

export async function createConnection(
  db: Db,
  tenantId: string,
  input: CreateConnectionInput,
  by: ConfigActor & { keyRing: KeyRing },
): Promise<{ id: string; key: string }> {
  const data = rules.parseOrRefuse(createInput, input);
  await rules.refuseInternalBaseUrl(data.baseUrl);
  const adapter = listAdapters().find((a) => a.kind === data.provider);
  if (!adapter)
    throw new AppError('VALIDATION_FAILED', 'provider: unknown provider', {
      fieldErrors: { provider: ['choose one of the listed providers'] },
    });
  const settings = rules.parseOrRefuse(adapter.settings, data.settings ?? {}, 'settings');
  for (const url of rules.credentialDestinations(adapter.kind, data.baseUrl, settings))
    if (url !== data.baseUrl) await rules.refuseInternalBaseUrl(url);
  const credentials = data.credentials
    ? rules.parseOrRefuse(adapter.credentials, data.credentials, 'credentials')
    : null;
  rules.refuseShortPathToken(
    adapterFor({ provider: adapter.kind, settings }).webhook?.pathToken,
    data.webhookSecret,
  );
  if (data.webhookSecret && !adapterFor({ provider: adapter.kind, settings }).webhook)
    throw new AppError(
      'VALIDATION_FAILED',
      `webhookSecret: ${adapter.displayName} sends no webhooks`,
    );
  const now = new Date();
  try {
    return await tenantDb(db, tenantId).$transaction(async (tx) => {
      const taken = await tx.connection.findFirst({
        where: { key: data.key },
        select: { id: true },
      });
      if (taken) throw conflict(data.key);
      const row = await tx.connection.create({
        data: {
          tenantId,
          key: data.key,
          name: data.name,
          provider: adapter.kind,
          baseUrl: data.baseUrl,
          settings: settings as Prisma.InputJsonObject,
          rateLimitPerSecond: data.rateLimitPerSecond ?? null,
          maxConcurrency: data.maxConcurrency ?? null,
          credentialsEncrypted: credentials ? by.keyRing.seal(JSON.stringify(credentials)) : null,
          webhookSecretEncrypted: data.webhookSecret ? by.keyRing.seal(data.webhookSecret) : null,
        },
        select: CONNECTION_CONFIG_SELECT,
      });
      await recordAudit(tx, {
        tenantId,
        actor: auditActorOf(by.actor),
        requestId: by.audit?.requestId ?? null,
        event: {
          action: 'connection.created',
          objectType: 'connection',
          objectId: row.id,
          before: null,
          after: configSnapshot(row, { auth: now, webhook: now }),
        },
      });
      return { id: row.id, key: row.key };
    });
  } catch (error) {
    // Two admins creating the same key at once: the unique index decides.
    if ((error as { code?: unknown } | null)?.code === UNIQUE_VIOLATION) throw conflict(data.key);
    throw error;
  }
}

const conflict = (key: string) =>
  new AppError('CONFLICT', `key: a connection with the key "${key}" already exists`, {
    fieldErrors: { key: ['this key is already used by another connection'] },
  });
