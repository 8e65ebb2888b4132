// recordAudit(tx, ...): appends one audit entry inside the caller's database transaction, so the
// entry exists exactly when the change it describes committed. Entries of a tenant are numbered
// and chained; a transaction-scoped advisory lock per tenant serialises the append (the lock is
// released at commit or rollback, so it must run inside an interactive transaction).
import type { Prisma } from '@/lib/db';
import { auditEventSchema, type AuditActor, type AuditEvent } from './events';
import { GENESIS_HASH, chainHash } from './chain';
import { redactSecrets } from './redact';
import { withoutEmails } from './without-emails';

/** An interactive transaction (db.$transaction(async (tx) => ...)) or anything with $queryRaw
 *  running inside one. */
export interface AuditTx {
  $queryRaw<T = unknown>(
    query: TemplateStringsArray,
    ...values: unknown[]
  ): Prisma.PrismaPromise<T>;
}

export interface AuditInput {
  tenantId: string;
  actor: AuditActor;
  /** the request that caused it (x-request-id), to find its log lines */
  requestId?: string | null;
  event: AuditEvent;
  /** for tests and imports; defaults to now */
  at?: Date;
}

export interface RecordedAudit {
  id: bigint;
  seq: number;
  hash: string;
}

export async function recordAudit(tx: AuditTx, input: AuditInput): Promise<RecordedAudit> {
  const event = auditEventSchema.parse(input.event);
  const before = 'before' in event ? redactSecrets(event.before ?? null) : null;
  const after = 'after' in event ? redactSecrets(event.after ?? null) : null;
  await tx.$queryRaw`SELECT pg_advisory_xact_lock(hashtextextended(${'waybill.audit:' + input.tenantId}, 0))::text`;
  const [last] = await tx.$queryRaw<{ seq: number; hash: string }[]>`
    SELECT seq, hash FROM audit_entries WHERE tenant_id = ${input.tenantId}::uuid
    ORDER BY seq DESC LIMIT 1`;
  const seq = (last?.seq ?? 0) + 1;
  const prevHash = last?.hash ?? GENESIS_HASH;
  // Millisecond precision: what timestamptz(3) stores is exactly what was hashed.
  const createdAt = new Date(Math.floor((input.at ?? new Date()).getTime()));
  const content = {
    tenantId: input.tenantId,
    seq,
    actorUserId: input.actor.userId,
    actorTokenId: input.actor.tokenId,
    actorLabel: input.actor.label,
    action: event.action,
    objectType: event.objectType,
    objectId: event.objectId,
    // typed text never brings a customer's address into a log that cannot be rewritten
    reason: event.reason ? withoutEmails(event.reason) : null,
    requestId: input.requestId ?? null,
    before,
    after,
    createdAt,
  };
  const hash = chainHash(prevHash, content);
  const json = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v));
  const [row] = await tx.$queryRaw<{ id: bigint }[]>`
    INSERT INTO audit_entries (tenant_id, seq, actor_user_id, actor_token_id, actor_label, action,
      object_type, object_id, reason, request_id, before, after, prev_hash, hash, created_at)
    VALUES (${content.tenantId}::uuid, ${seq}, ${content.actorUserId}::uuid,
      ${content.actorTokenId}::uuid, ${content.actorLabel}, ${content.action},
      ${content.objectType}, ${content.objectId}, ${content.reason}, ${content.requestId},
      ${json(before)}::jsonb, ${json(after)}::jsonb, ${prevHash}, ${hash}, ${createdAt})
    RETURNING id`;
  if (!row) throw new Error('audit entry was not written');
  return { id: row.id, seq, hash };
}

/** For an action that changes nothing else in the ledger (a sign-in, an export, a reveal):
 *  the entry in a transaction of its own. */
export async function recordAuditAlone(
  db: { $transaction<T>(fn: (tx: AuditTx) => Promise<T>): Promise<T> },
  input: AuditInput,
): Promise<RecordedAudit> {
  return db.$transaction((tx) => recordAudit(tx, input));
}
