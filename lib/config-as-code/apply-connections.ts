// Connection writes of an apply, inside its transaction. No secret is ever written here: a new
// connection starts without credentials or webhook secret (set them with `waybill secret set`),
// and an update leaves the sealed values alone — except that a base URL moved to another origin
// clears the credentials, as in the console (lib/connections/update-connection.ts). Audit snapshots
// are the console's (configSnapshot: which secrets are set, never their values).
import {
  CONNECTION_CONFIG_SELECT,
  configSnapshot,
  type ConnectionConfigRow,
} from '@/lib/connections/connection-record';
import { credentialsMoved } from '@/lib/connections/connection-input';
import type { Prisma } from '@/lib/db';
import { pauseColumns } from '@/lib/engine/pause-reason';
import { audit, idOf, statusEvent, type ApplyContext } from './apply-context';
import type { ConnectionDoc } from './document';
import { changedFields } from './plan-diff';

function dataOf(c: ConnectionDoc) {
  return {
    name: c.name,
    baseUrl: c.baseUrl,
    settings: c.settings as Prisma.InputJsonObject,
    maskingRules: c.maskingRules,
    rateLimitPerSecond: c.rateLimitPerSecond,
    maxConcurrency: c.maxConcurrency,
  };
}

async function rowOf(ctx: ApplyContext, id: string): Promise<ConnectionConfigRow> {
  return ctx.tx.connection.findFirstOrThrow({
    where: { id, tenantId: ctx.tenantId },
    select: CONNECTION_CONFIG_SELECT,
  });
}

export async function createConnection(ctx: ApplyContext, c: ConnectionDoc): Promise<void> {
  const row = await ctx.tx.connection.create({
    data: { tenantId: ctx.tenantId, key: c.key, provider: c.provider, ...dataOf(c) },
    select: CONNECTION_CONFIG_SELECT,
  });
  ctx.ids.connections.set(c.key, row.id);
  await audit(ctx, {
    action: 'connection.created',
    objectType: 'connection',
    objectId: row.id,
    before: null,
    after: configSnapshot(row),
  });
  if (c.status === 'paused')
    await setStatus(ctx, row.id, { status: 'active', pauseReason: null }, c);
}

export async function updateConnection(
  ctx: ApplyContext,
  before: ConnectionDoc,
  after: ConnectionDoc,
): Promise<void> {
  const id = idOf(ctx.ids.connections, after.key, 'connection');
  const fields = changedFields(before, after, ['key', 'provider', 'status', 'pauseReason']);
  if (fields.length > 0) {
    const old = await rowOf(ctx, id);
    const data = dataOf(after);
    const credentialsCleared =
      old.credentialsEncrypted !== null &&
      credentialsMoved(after.provider, { baseUrl: old.baseUrl, settings: old.settings }, after);
    await ctx.tx.connection.updateMany({
      where: { id, tenantId: ctx.tenantId },
      data: {
        ...Object.fromEntries(fields.map((f) => [f, data[f as keyof typeof data]])),
        ...(credentialsCleared && { credentialsEncrypted: null }),
      },
    });
    const audited = credentialsCleared ? [...fields, 'auth'] : fields;
    const pick = (snapshot: Record<string, unknown>) =>
      Object.fromEntries(audited.map((f) => [f, snapshot[f]]));
    await audit(ctx, {
      action: 'connection.updated',
      objectType: 'connection',
      objectId: id,
      before: pick(configSnapshot(old)),
      after: {
        ...pick(configSnapshot(await rowOf(ctx, id))),
        ...(credentialsCleared && {
          authCleared: 'the base URL moved to another origin (scheme, host or port)',
        }),
      },
    });
  }
  if (before.status !== after.status || before.pauseReason !== after.pauseReason)
    await setStatus(ctx, id, before, after);
}

type StatusOf = Pick<ConnectionDoc, 'status' | 'pauseReason'>;

/** A pause or resume, or a paused connection's reason reworded; the pause columns with it. */
async function setStatus(
  ctx: ApplyContext,
  id: string,
  from: StatusOf,
  to: StatusOf,
): Promise<void> {
  const paused = to.status === 'paused';
  await ctx.tx.connection.updateMany({
    where: { id, tenantId: ctx.tenantId },
    data: {
      status: to.status,
      // a reworded reason keeps who paused and when: the pause itself did not change
      ...(from.status === to.status && paused
        ? { pauseReason: to.pauseReason }
        : pauseColumns(paused, to.pauseReason, ctx.actor.label)),
    },
  });
  await audit(ctx, statusEvent('connection', id, from, to));
  if (to.status === 'active') ctx.resumed.add(id);
}

/** Only a connection without inbound events and without flows gets here (the plan refused the rest). */
export async function deleteConnection(ctx: ApplyContext, c: ConnectionDoc): Promise<void> {
  const id = idOf(ctx.ids.connections, c.key, 'connection');
  const before = configSnapshot(await rowOf(ctx, id));
  await ctx.tx.connection.deleteMany({ where: { id, tenantId: ctx.tenantId } });
  ctx.ids.connections.delete(c.key);
  await audit(ctx, {
    action: 'connection.deleted',
    objectType: 'connection',
    objectId: id,
    before,
    after: null,
  });
}
