// Edits a connection's non-secret configuration: name, base URL, settings (the adapter's schema),
// rate limit, concurrency, masking rules and payload search paths. Fields left out stay as they are; a submission that
// changes nothing records nothing. A base URL must pass the outbound guard (lib/outbound), and one
// that moves to another origin (scheme, host or port) clears the stored credentials in the same
// transaction: they were given for the old address and must not be sent to the new one (else an
// edited URL would walk them out of the vault). The audit entry says so, never what they were.
import { z } from 'zod';
import { auditActorOf, recordAudit } from '@/lib/audit';
import { canonicalJson } from '@/lib/audit/chain';
import { Prisma, tenantDb, type Db } from '@/lib/db';
import { getAdapter } from '@/lib/providers/registry';
import * as rules from './connection-input';
import {
  CONNECTION_CONFIG_SELECT,
  configSnapshot,
  lockConnection,
  type ConfigActor,
} from './connection-record';

const updateInput = z.strictObject({
  name: rules.connectionName.optional(),
  baseUrl: rules.baseUrl.optional(),
  settings: z.unknown().optional(),
  rateLimitPerSecond: rules.rateLimitPerSecond.optional(),
  maxConcurrency: rules.maxConcurrency.optional(),
  maskingRules: rules.maskingRules.optional(),
  searchPaths: rules.searchPaths.optional(),
});

export type UpdateConnectionInput = z.input<typeof updateInput>;

export async function updateConnection(
  db: Db,
  tenantId: string,
  connectionId: string,
  input: UpdateConnectionInput,
  by: ConfigActor,
): Promise<{ changed: string[]; credentialsCleared: boolean }> {
  const data = rules.parseOrRefuse(updateInput, input);
  if (data.baseUrl !== undefined) await rules.refuseInternalBaseUrl(data.baseUrl);
  return tenantDb(db, tenantId).$transaction(async (tx) => {
    const before = await lockConnection(tx, tenantId, connectionId);
    const settings =
      data.settings === undefined
        ? undefined
        : (rules.parseOrRefuse(
            getAdapter(before.provider).settings,
            data.settings,
            'settings',
          ) as Prisma.InputJsonObject);
    const next = {
      name: data.name,
      baseUrl: data.baseUrl,
      settings,
      rateLimitPerSecond: data.rateLimitPerSecond,
      maxConcurrency: data.maxConcurrency,
      maskingRules: data.maskingRules,
      searchPaths: data.searchPaths,
    };
    const changed = Object.entries(next)
      .filter(
        ([field, value]) => value !== undefined && !same(before[field as keyof typeof next], value),
      )
      .map(([field]) => field);
    if (changed.length === 0) return { changed, credentialsCleared: false };
    const credentialsCleared =
      before.credentialsEncrypted !== null &&
      rules.credentialsMoved(before.provider, before, {
        baseUrl: data.baseUrl ?? before.baseUrl,
        settings: settings ?? before.settings,
      });
    // Another destination of the credentials (an OAuth token URL) passes the guard as the base URL does.
    for (const url of rules.credentialDestinations(
      before.provider,
      data.baseUrl ?? before.baseUrl,
      settings ?? before.settings,
    ))
      if (url !== (data.baseUrl ?? before.baseUrl)) await rules.refuseInternalBaseUrl(url);
    const after = await tx.connection.update({
      where: { id: connectionId },
      data: {
        ...Object.fromEntries(changed.map((f) => [f, next[f as keyof typeof next]])),
        // null search paths (the adapter's defaults) is SQL NULL in a JSON column: Prisma.DbNull
        ...(changed.includes('searchPaths') &&
          data.searchPaths === null && { searchPaths: Prisma.DbNull }),
        ...(credentialsCleared && { credentialsEncrypted: null }),
      },
      select: CONNECTION_CONFIG_SELECT,
    });
    // `auth` is the credentials' state (set/unset, never a value); the reason is said in words.
    const audited = credentialsCleared ? [...changed, 'auth'] : changed;
    const pick = (snapshot: Record<string, unknown>) =>
      Object.fromEntries(audited.map((f) => [f, snapshot[f]]));
    await recordAudit(tx, {
      tenantId,
      actor: auditActorOf(by.actor),
      requestId: by.audit?.requestId ?? null,
      event: {
        action: 'connection.updated',
        objectType: 'connection',
        objectId: connectionId,
        before: pick(configSnapshot(before)),
        after: {
          ...pick(configSnapshot(after)),
          ...(credentialsCleared && {
            authCleared:
              data.baseUrl !== undefined && !rules.sameOrigin(before.baseUrl, data.baseUrl)
                ? 'the base URL moved to another origin (scheme, host or port)'
                : 'the credentials would go to another origin (the token URL moved)',
          }),
        },
      },
    });
    return { changed, credentialsCleared };
  });
}

/** jsonb does not keep key order: compare canonical JSON. */
const same = (a: unknown, b: unknown) => canonicalJson(a ?? null) === canonicalJson(b ?? null);
