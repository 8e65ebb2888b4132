// Bulk replay by filter: a preview count, then a batch row that a worker job works through in
// chunks, recording progress (and its cursor) after each chunk so a restarted job resumes where it
// stopped; cancel is checked between chunks. Only transactions that existed when the batch started
// are considered; those that stopped matching meanwhile (someone resolved them) are counted as
// skipped, never replayed. Starting and cancelling a batch are audited in the same database
// transaction as the batch row; the chunks the worker runs are the system carrying out that one
// recorded action, not actions of their own.
import { z } from 'zod';
import { auditActorOf, recordAudit } from '@/lib/audit';
import type { Db, TransactionStatus } from '@/lib/db';
import type { AuditContext } from '@/lib/ledger/operator-audit';
import { Prisma } from '@/lib/db';
import { REPLAYABLE, replayReasonSchema, replayTransactions, type Actor } from './replay';
import { linkPreflightMatches } from './link-preflight-matches';
import type { WakeDrains } from '@/lib/queue/wake-drains';

export const replayFilterSchema = z
  .object({
    flowId: z.uuid().optional(),
    connectionId: z.uuid().optional(),
    errorClass: z.string().optional(),
    statuses: z
      .array(z.enum(['failed', 'needs_review', 'paused']))
      .min(1)
      .default(['failed', 'needs_review']),
    from: z.coerce.date().optional(),
    to: z.coerce.date().optional(),
  })
  .refine((f) => !f.from || !f.to || f.from < f.to, {
    message: 'from must be before to',
    path: ['to'],
  });
export type ReplayFilter = z.infer<typeof replayFilterSchema>;

const CHUNK = 200;

function where(tenantId: string, f: ReplayFilter, after: string | null) {
  const statuses = f.statuses.filter((s) => REPLAYABLE.includes(s));
  return Prisma.sql`t.tenant_id = ${tenantId}::uuid AND t.status = ANY(${statuses}::"TransactionStatus"[])
    ${f.flowId ? Prisma.sql`AND t.flow_id = ${f.flowId}::uuid` : Prisma.empty}
    ${f.connectionId ? Prisma.sql`AND f.target_connection_id = ${f.connectionId}::uuid` : Prisma.empty}
    ${f.errorClass ? Prisma.sql`AND t.error_class = ${f.errorClass}::"ErrorClass"` : Prisma.empty}
    ${f.from ? Prisma.sql`AND t.updated_at >= ${f.from}::timestamptz` : Prisma.empty}
    ${f.to ? Prisma.sql`AND t.updated_at < ${f.to}::timestamptz` : Prisma.empty}
    ${after ? Prisma.sql`AND t.id > ${after}::uuid` : Prisma.empty}`;
}

/** The filter's selection as SQL over `transactions t JOIN flows f` (the pre-flight reads it too). */
export const replaySelectionWhere = where;

export async function previewReplay(
  db: Pick<Db, '$queryRaw'>,
  tenantId: string,
  filter: ReplayFilter,
): Promise<number> {
  const [row] = await db.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM transactions t JOIN flows f ON f.id = t.flow_id
    WHERE ${where(tenantId, filter, null)}`;
  return row?.n ?? 0;
}

/** Starts a batch (its row and its audit entry, one transaction). A batch that matches nothing is
 *  recorded as completed at once, and audited too: the person's request is on the Replays screen. */
export async function startReplayBatch(
  db: Db,
  tenantId: string,
  input: {
    filter: ReplayFilter;
    actor: Actor;
    reason: string;
    audit?: AuditContext;
    /** a pre-flight of this filter: what it found at the target is linked, not replayed */
    preflightId?: string;
  },
): Promise<{ batchId: string; total: number; linked: number }> {
  const reason = replayReasonSchema.parse(input.reason);
  const filter = JSON.parse(JSON.stringify(input.filter)) as Prisma.InputJsonObject;
  return db.$transaction(async (tx) => {
    const { linked } = input.preflightId
      ? await linkPreflightMatches(tx, tenantId, {
          preflightId: input.preflightId,
          filter: input.filter,
          actor: input.actor,
          reason,
        })
      : { linked: 0 };
    const total = await previewReplay(tx, tenantId, input.filter);
    const batch = await tx.replayBatch.create({
      data: {
        tenantId,
        requestedById: input.actor.id,
        requestedBy: input.actor.label,
        reason,
        filter,
        total,
        ...(total === 0 && { status: 'completed', finishedAt: new Date() }),
      },
      select: { id: true },
    });
    await recordAudit(tx, {
      tenantId,
      actor: auditActorOf(input.actor),
      requestId: input.audit?.requestId ?? null,
      event: {
        action: 'replay_batch.started',
        objectType: 'replay_batch',
        objectId: batch.id,
        reason,
        after: {
          filter,
          total,
          ...(input.preflightId && { preflightId: input.preflightId, linked }),
        },
      },
    });
    return { batchId: batch.id, total, linked };
  });
}

/** Cancels a running batch; false when it had finished (or is not this tenant's). The person's
 *  cancel and the launcher's own (the queue was unavailable; actor "system") are both audited. */
export async function cancelReplayBatch(
  db: Db,
  tenantId: string,
  batchId: string,
  input: { actor: Actor; reason?: string; audit?: AuditContext },
): Promise<'cancelled' | 'finished' | 'not_found'> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.replayBatch.updateMany({
      where: { id: batchId, tenantId, status: 'running' },
      data: { status: 'cancelled', finishedAt: new Date() },
    });
    if (count !== 1) {
      // Another tenant's batch and no batch at all answer the same: not found.
      const exists = await tx.replayBatch.count({ where: { id: batchId, tenantId } });
      return exists ? 'finished' : 'not_found';
    }
    const [progress] = await tx.$queryRaw<{ replayed: number; skipped: number; total: number }[]>`
      SELECT replayed, skipped, total FROM replay_batches
      WHERE id = ${batchId}::uuid AND tenant_id = ${tenantId}::uuid`;
    await recordAudit(tx, {
      tenantId,
      actor: auditActorOf(input.actor),
      requestId: input.audit?.requestId ?? null,
      event: {
        action: 'replay_batch.cancelled',
        objectType: 'replay_batch',
        objectId: batchId,
        ...(input.reason && { reason: input.reason }),
        after: { status: 'cancelled', ...progress },
      },
    });
    return 'cancelled';
  });
}

/**
 * Replays the next chunk of a running batch. Returns the connections that received work and
 * whether the batch is finished (completed or cancelled).
 */
export async function runReplayChunk(
  db: Db,
  tenantId: string,
  batchId: string,
  wake: WakeDrains,
): Promise<{ done: boolean; connectionIds: string[] }> {
  const chunk = await db.$transaction(
    async (tx) => {
      const [batch] = await tx.$queryRaw<
        {
          status: string;
          cursor: string | null;
          filter: unknown;
          reason: string;
          requested_by: string;
          requested_by_id: string;
          created_at: Date;
        }[]
      >`SELECT status::text AS status, cursor::text, filter, reason, requested_by, requested_by_id, created_at FROM replay_batches
      WHERE id = ${batchId}::uuid AND tenant_id = ${tenantId}::uuid FOR UPDATE`;
      if (!batch || batch.status !== 'running') return { done: true, connectionIds: [] };
      const filter = replayFilterSchema.parse(batch.filter);
      const rows = await tx.$queryRaw<
        { id: string; status: TransactionStatus; connection_id: string }[]
      >`
      SELECT t.id::text, t.status::text AS status, f.target_connection_id::text AS connection_id
      FROM transactions t JOIN flows f ON f.id = t.flow_id
      WHERE ${where(tenantId, filter, batch.cursor)} AND t.created_at <= ${batch.created_at}::timestamptz
      ORDER BY t.id LIMIT ${CHUNK}`;
      const verdicts = await replayTransactions(
        tx,
        tenantId,
        rows.map((r) => ({ transactionId: r.id, status: r.status })),
        {
          actor: { id: batch.requested_by_id, label: batch.requested_by },
          reason: batch.reason,
          batchId,
        },
      );
      const replayed = verdicts.filter((v) => v.kind === 'applied').length;
      const done = rows.length < CHUNK;
      await tx.$executeRaw`
      UPDATE replay_batches SET replayed = replayed + ${replayed},
        -- at the end, whatever the preview counted and was not replayed stopped matching: skipped
        skipped = CASE WHEN ${done} THEN greatest(total - replayed - ${replayed}, skipped + ${rows.length - replayed})
                       ELSE skipped + ${rows.length - replayed} END,
        cursor = coalesce(${rows.at(-1)?.id ?? null}::uuid, cursor),
        status = CASE WHEN ${done} THEN 'completed'::"ReplayBatchStatus" ELSE status END,
        finished_at = CASE WHEN ${done} THEN now() ELSE finished_at END
      WHERE id = ${batchId}::uuid AND tenant_id = ${tenantId}::uuid`;
      return { done, connectionIds: [...new Set(rows.map((r) => r.connection_id))] };
    },
    { timeout: 30_000 },
  );
  await wake(tenantId, chunk.connectionIds);
  return chunk;
}
