// A replay's pre-flight: before a bulk replay, ask the target systems that can look records up
// whether each selected transaction's record is already there (lib/engine/replay-preflight-chunk.ts
// does the asking, as a worker job). This file starts one (its row and its audit entry, one
// database transaction), cancels one (audited), and reads one for the console and the API.
// replay_preflights is not covered by the tenant-scoped client, so every query names the tenant.
import { auditActorOf, recordAudit } from '@/lib/audit';
import type { Db, Prisma } from '@/lib/db';
import type { AuditContext } from '@/lib/ledger/operator-audit';
import { adapterFor } from '@/lib/providers/registry';
import type { Actor } from './replay';
import {
  previewReplay,
  replayFilterSchema,
  replaySelectionWhere,
  type ReplayFilter,
} from './replay-batch';
import { summarisePreflight, targetNames } from './replay-preflight-summary';

/** At most this many transactions are looked up per pre-flight: a large selection is mostly a
 *  provider outage, where the replay's own look-up before each repeat is the better guard. */
export const PREFLIGHT_LOOKUP_CAP = 1000;

export async function startReplayPreflight(
  db: Db,
  tenantId: string,
  input: { filter: ReplayFilter; actor: Actor; audit?: AuditContext; lookupCap?: number },
): Promise<{ preflightId: string; selected: number }> {
  const filter = JSON.parse(JSON.stringify(input.filter)) as Prisma.InputJsonObject;
  const lookupCap = input.lookupCap ?? PREFLIGHT_LOOKUP_CAP;
  return db.$transaction(async (tx) => {
    const selected = await previewReplay(tx, tenantId, input.filter);
    const row = await tx.replayPreflight.create({
      data: {
        tenantId,
        requestedById: input.actor.id,
        requestedBy: input.actor.label,
        filter,
        selected,
        lookupCap,
        ...(selected === 0 && { status: 'completed', finishedAt: new Date() }),
      },
      select: { id: true },
    });
    await recordAudit(tx, {
      tenantId,
      actor: auditActorOf(input.actor),
      requestId: input.audit?.requestId ?? null,
      event: {
        action: 'replay_preflight.started',
        objectType: 'replay_preflight',
        objectId: row.id,
        after: { filter, selected, lookupCap },
      },
    });
    return { preflightId: row.id, selected };
  });
}

/** Stops a running pre-flight; what it found so far stays usable. */
export async function cancelReplayPreflight(
  db: Db,
  tenantId: string,
  preflightId: string,
  input: { actor: Actor; reason?: string; audit?: AuditContext },
): Promise<'cancelled' | 'finished' | 'not_found'> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.replayPreflight.updateMany({
      where: { id: preflightId, tenantId, status: 'running' },
      data: { status: 'cancelled', finishedAt: new Date() },
    });
    if (count !== 1) {
      const exists = await tx.replayPreflight.count({ where: { id: preflightId, tenantId } });
      return exists ? 'finished' : 'not_found';
    }
    const progress = await tx.replayPreflight.findFirstOrThrow({
      where: { id: preflightId, tenantId },
      select: {
        selected: true,
        found: true,
        absent: true,
        notCheckable: true,
        failedToCheck: true,
      },
    });
    await recordAudit(tx, {
      tenantId,
      actor: auditActorOf(input.actor),
      requestId: input.audit?.requestId ?? null,
      event: {
        action: 'replay_preflight.cancelled',
        objectType: 'replay_preflight',
        objectId: preflightId,
        ...(input.reason && { reason: input.reason }),
        after: { status: 'cancelled', ...progress },
      },
    });
    return 'cancelled';
  });
}

/** The names of the systems the filter's transactions go to ("the ERP"), for the headline. */
async function targetsOf(db: Db, tenantId: string, filter: ReplayFilter): Promise<string> {
  const rows = await db.$queryRaw<{ provider: string; name: string; settings: unknown }[]>`
    SELECT DISTINCT c.provider, c.name, c.settings FROM connections c
    WHERE c.tenant_id = ${tenantId}::uuid AND c.id IN (
      SELECT f.target_connection_id FROM transactions t JOIN flows f ON f.id = t.flow_id
      WHERE ${replaySelectionWhere(tenantId, filter, null)})`;
  return targetNames(
    rows.map((c) => {
      try {
        // the generic kind's display name says nothing: its connection's name does
        return c.provider === 'http' ? c.name : adapterFor(c).displayName;
      } catch {
        return c.name;
      }
    }),
  );
}

/** One pre-flight with its summary and the references found; null when not this tenant's. */
export async function findReplayPreflight(db: Db, tenantId: string, preflightId: string) {
  const row = await db.replayPreflight.findFirst({
    where: { id: preflightId, tenantId },
    select: {
      id: true,
      status: true,
      filter: true,
      selected: true,
      lookupCap: true,
      found: true,
      absent: true,
      notCheckable: true,
      failedToCheck: true,
      notChecked: true,
      error: true,
      requestedBy: true,
      createdAt: true,
      finishedAt: true,
      matches: {
        orderBy: { transactionId: 'asc' },
        take: 200,
        select: { transactionId: true, connectionKey: true, externalRef: true },
      },
    },
  });
  if (!row) return null;
  const filter = replayFilterSchema.safeParse(row.filter);
  const targets = filter.success ? await targetsOf(db, tenantId, filter.data) : 'the target';
  return {
    id: row.id,
    status: row.status,
    filter: filter.success ? filter.data : null,
    lookupCap: row.lookupCap,
    error: row.error,
    requestedBy: row.requestedBy,
    createdAt: row.createdAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
    summary: summarisePreflight(row, row.status, targets),
    /** the first 200 found, oldest first (the count is complete) */
    found: row.matches,
  };
}

export type ReplayPreflightView = NonNullable<Awaited<ReturnType<typeof findReplayPreflight>>>;

/** The worker ran out of attempts: a running pre-flight is marked failed with the reason (never
 *  a stack or a provider body: the first line, shortened), so the screen stops showing progress.
 *  The replay it was for still runs as usual when started: nothing found is linked. */
export async function failReplayPreflight(
  db: Db,
  tenantId: string,
  preflightId: string,
  error: unknown,
): Promise<boolean> {
  const message = (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
  const { count } = await db.replayPreflight.updateMany({
    where: { id: preflightId, tenantId, status: 'running' },
    data: {
      status: 'failed',
      error: `the check stopped: ${message.slice(0, 300)}`,
      finishedAt: new Date(),
    },
  });
  return count === 1;
}
