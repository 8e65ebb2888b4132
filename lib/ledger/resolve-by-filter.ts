// Resolve or ignore a whole error group (flow + class, optionally a time window) with one note.
// Works through the matching transactions in chunks of CHUNK ids, keyset over id, each chunk its
// own short transaction through the one guarded transition, so a large group never holds locks
// for long and a failure part-way leaves every finished chunk done and the rest untouched.
//
// Only what the person saw is touched: transactions that changed after the action started (a new
// failure, say) are left for the next look; ones that moved meanwhile (replayed by someone else)
// no longer match or are refused by the guard, and are counted as skipped.
//
// Audit: each chunk's transaction writes the audit entry for what that chunk moved (objectId the
// group key flow:class, the note, ids and counts), so an entry exists exactly for what committed,
// even when a later chunk fails. A group within one chunk (RESOLVE_CHUNK, the common case) is
// therefore one entry; a larger one is one entry per chunk, numbered by `part`.
//
// Ignore is not resolve: resolve says "handled by hand, it is done" (completed); ignore says "we
// knowingly will not deliver this" — the transaction is cancelled with an ignore.recorded fact,
// so the ledger does not claim the target has it (reconciliation and the "paid but not fulfilled"
// check would otherwise be told a lie).
import { z } from 'zod';
import { ErrorClass, Prisma, type Db } from '@/lib/db';
import { auditActorOf, recordAudit } from '@/lib/audit';
import { humanTransition, type BulkOutcome } from './human-transition';
import { bulkCounts, type AuditContext } from './operator-audit';
import type { Operator } from './operator';
import { operatorNoteSchema, RESOLVABLE, resolveMove } from './resolve';

export const RESOLVE_CHUNK = 500;

export const groupFilterSchema = z
  .object({
    flowId: z.uuid('choose a flow'),
    errorClass: z.enum(Object.values(ErrorClass), 'choose an error class'),
    statuses: z
      .array(z.enum(['failed', 'needs_review']))
      .min(1, 'choose at least one status')
      .default(['failed', 'needs_review']),
    from: z.coerce.date().optional(),
    to: z.coerce.date().optional(),
  })
  .refine((f) => !f.from || !f.to || f.from < f.to, {
    message: 'from must be before to',
    path: ['to'],
  });
export type GroupFilter = z.infer<typeof groupFilterSchema>;

export type GroupDecision = 'resolve' | 'ignore';

export interface ResolveByFilterOutcome {
  decision: GroupDecision;
  applied: number;
  /** matched when read, but had moved on before the change (replayed meanwhile, say) */
  skipped: number;
  chunks: number;
}

function where(tenantId: string, f: GroupFilter, startedAt: Date, after: string | null) {
  // The literal IN lets the planner prove a partial index on open failures applies; the bound
  // array then narrows to the statuses asked for.
  return Prisma.sql`t.tenant_id = ${tenantId}::uuid
    AND t.status IN ('failed', 'needs_review')
    AND t.status = ANY(${f.statuses}::"TransactionStatus"[])
    AND t.flow_id = ${f.flowId}::uuid
    AND t.error_class = ${f.errorClass}::"ErrorClass"
    AND t.updated_at <= ${startedAt}::timestamptz
    ${f.from ? Prisma.sql`AND t.updated_at >= ${f.from}::timestamptz` : Prisma.empty}
    ${f.to ? Prisma.sql`AND t.updated_at < ${f.to}::timestamptz` : Prisma.empty}
    ${after ? Prisma.sql`AND t.id > ${after}::uuid` : Prisma.empty}`;
}

/** How many transactions a group action would touch now (the confirmation's count). */
export async function countByFilter(db: Db, tenantId: string, filter: GroupFilter) {
  const [row] = await db.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM transactions t WHERE ${where(tenantId, filter, new Date(), null)}`;
  return row?.n ?? 0;
}

export async function resolveByFilter(
  db: Db,
  tenantId: string,
  input: {
    filter: GroupFilter;
    decision: GroupDecision;
    actor: Operator;
    note: string;
    audit?: AuditContext;
    /** defaults to RESOLVE_CHUNK; tests make it small */
    chunkSize?: number;
  },
): Promise<ResolveByFilterOutcome> {
  const note = operatorNoteSchema.parse(input.note);
  const filter = groupFilterSchema.parse(input.filter);
  const chunkSize = Math.min(input.chunkSize ?? RESOLVE_CHUNK, RESOLVE_CHUNK);
  const startedAt = new Date();
  const outcome: ResolveByFilterOutcome = {
    decision: input.decision,
    applied: 0,
    skipped: 0,
    chunks: 0,
  };
  let cursor: string | null = null;
  for (;;) {
    const after: string | null = cursor;
    const rows: { id: string }[] = await db.$queryRaw<{ id: string }[]>`
      SELECT t.id::text AS id FROM transactions t
      WHERE ${where(tenantId, filter, startedAt, after)}
      ORDER BY t.id LIMIT ${chunkSize}`;
    if (rows.length === 0) break;
    const ids: string[] = rows.map((r) => r.id);
    const part = outcome.chunks + 1;
    const result = await db.$transaction(async (tx) => {
      const moved = await decide(tx, tenantId, ids, input.decision, { actor: input.actor, note });
      if (moved.applied.length > 0)
        await recordAudit(tx, {
          tenantId,
          actor: auditActorOf(input.actor),
          requestId: input.audit?.requestId ?? null,
          event: {
            action: input.decision === 'resolve' ? 'error_group.resolved' : 'error_group.ignored',
            objectType: 'error_group',
            objectId: `${filter.flowId}:${filter.errorClass}`,
            reason: note,
            after: {
              filter: JSON.parse(JSON.stringify(filter)) as unknown,
              part,
              ...bulkCounts(moved),
            },
          },
        });
      return moved;
    });
    outcome.applied += result.applied.length;
    outcome.skipped += result.skipped.length + result.notFound.length;
    outcome.chunks += 1;
    cursor = ids.at(-1) ?? null;
    if (rows.length < chunkSize) break;
  }
  return outcome;
}

function decide(
  tx: Prisma.TransactionClient,
  tenantId: string,
  ids: string[],
  decision: GroupDecision,
  input: { actor: Operator; note: string },
): Promise<BulkOutcome> {
  switch (decision) {
    case 'resolve':
      return resolveMove(tx, tenantId, ids, input);
    case 'ignore':
      return humanTransition(tx, tenantId, ids, {
        to: 'cancelled',
        from: RESOLVABLE,
        actor: input.actor.id,
        reason: `ignored by ${input.actor.label}: ${input.note}`,
        fact: {
          kind: 'human_action',
          type: 'ignore.recorded',
          summary: `${input.actor.label} ignored this failure: ${input.note}`,
          actor: input.actor.id,
          data: { note: input.note, by: input.actor.label },
        },
        extra: { nextAttemptAt: null },
      });
    default: {
      const exhaustive: never = decision;
      return exhaustive;
    }
  }
}
