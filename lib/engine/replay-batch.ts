// Bulk replay by filter: a preview count, then a batch row that a worker job works through in
// chunks, recording progress (and its cursor) after each chunk so a restarted job resumes where it
// stopped; cancel is checked between chunks. Only transactions that existed when the batch started
// are considered; those that stopped matching meanwhile (someone resolved them) are counted as
// skipped, never replayed.
import { z } from 'zod';
import type { Db, TransactionStatus } from '@/lib/db';
import { Prisma } from '@/lib/db';
import { REPLAYABLE, replayReasonSchema, replayTransactions, type Actor } from './replay';

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

export async function previewReplay(
  db: Db,
  tenantId: string,
  filter: ReplayFilter,
): Promise<number> {
  const [row] = await db.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM transactions t JOIN flows f ON f.id = t.flow_id
    WHERE ${where(tenantId, filter, null)}`;
  return row?.n ?? 0;
}

export async function startReplayBatch(
  db: Db,
  tenantId: string,
  input: { filter: ReplayFilter; actor: Actor; reason: string },
): Promise<{ batchId: string; total: number }> {
  const reason = replayReasonSchema.parse(input.reason);
  const total = await previewReplay(db, tenantId, input.filter);
  const batch = await db.replayBatch.create({
    data: {
      tenantId,
      requestedById: input.actor.id,
      requestedBy: input.actor.label,
      reason,
      filter: JSON.parse(JSON.stringify(input.filter)) as Prisma.InputJsonValue,
      total,
      ...(total === 0 && { status: 'completed', finishedAt: new Date() }),
    },
    select: { id: true },
  });
  return { batchId: batch.id, total };
}

export async function cancelReplayBatch(
  db: Db,
  tenantId: string,
  batchId: string,
): Promise<boolean> {
  const { count } = await db.replayBatch.updateMany({
    where: { id: batchId, tenantId, status: 'running' },
    data: { status: 'cancelled', finishedAt: new Date() },
  });
  return count === 1;
}

/**
 * Replays the next chunk of a running batch. Returns the connections that received work and
 * whether the batch is finished (completed or cancelled).
 */
export async function runReplayChunk(
  db: Db,
  tenantId: string,
  batchId: string,
): Promise<{ done: boolean; connectionIds: string[] }> {
  return db.$transaction(
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
}
