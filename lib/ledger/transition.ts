// THE one function that changes a transaction's status. One SQL statement, so it is atomic on its
// own (the worker's hot path: one round trip, one commit) and composes inside a larger database
// transaction (a person's replay with its audit entry). In that statement:
//   - the row is locked and updated only if its current status may move to the target (the guard
//     is the table in status.ts) and, when the caller says what it read, only if it is still that;
//   - the accompanying facts and the state change are appended to the timeline;
//   - the outbox follows the status: a row exists exactly while the transaction needs dispatching
//     (received, waiting_retry), available when the next attempt is due.
// Refused moves change nothing and come back as a verdict value.
import type { ErrorClass, Prisma, TransactionStatus } from '@/lib/db';
import { DISPATCH_JOB } from './outbox';
import { allowedSources } from './status';
import type { TimelineFact } from './timeline';

export interface TransitionRequest {
  tenantId: string;
  transactionId: string;
  to: TransactionStatus;
  /** the status the caller read; the change applies only if it is still current */
  from?: TransactionStatus;
  reason: string;
  actor?: string;
  errorClass?: ErrorClass | null;
  lastError?: string | null;
  attempts?: number;
  nextAttemptAt?: Date | null;
  externalRefs?: Prisma.InputJsonValue;
  mappingVersionId?: string;
  /** facts recorded with the change (command sent, provider answered...), in order */
  facts?: TimelineFact[];
  data?: Prisma.InputJsonValue;
  /** when the outbox should next offer a transaction that still needs dispatching */
  outboxAvailableAt?: Date;
}

export type TransitionVerdict =
  | { kind: 'applied'; from: TransactionStatus; to: TransactionStatus }
  | { kind: 'refused'; from: TransactionStatus; to: TransactionStatus }
  | { kind: 'not_found' };

/** Anything that runs a raw query: the client, a scoped client, or an interactive transaction. */
export interface SqlRunner {
  $queryRaw<T = unknown>(
    query: TemplateStringsArray,
    ...values: unknown[]
  ): Prisma.PrismaPromise<T>;
}

const NEEDS_DISPATCH: ReadonlySet<TransactionStatus> = new Set(['received', 'waiting_retry']);

/** PostgreSQL text and jsonb cannot hold U+0000; provider answers and payloads sometimes do. */
const pgText = (value: string) => value.replaceAll('\u0000', '\uFFFD');
const pgTextOrNull = (value: string | null | undefined) =>
  value === null || value === undefined ? null : pgText(value);
const pgJson = (value: unknown) =>
  value === undefined
    ? null
    : JSON.stringify(value, (_k, v: unknown) => (typeof v === 'string' ? pgText(v) : v));

export async function transition(
  db: SqlRunner,
  req: TransitionRequest,
): Promise<TransitionVerdict> {
  const sources = allowedSources(req.to).filter((s) => !req.from || s === req.from);
  const actor = req.actor ?? 'system';
  const facts = [
    ...(req.facts ?? []),
    {
      kind: 'state_change',
      type: 'status.changed',
      summary: req.reason,
      actor,
      toStatus: req.to,
      data: req.data,
    },
  ] as TimelineFact[];
  const now = new Date();
  const at = (f: TimelineFact) => (f.occurredAt ?? now).toISOString();
  const set = <T>(value: T | undefined) => value !== undefined;
  const rows = await db.$queryRaw<
    { current: TransactionStatus | null; moved_from: TransactionStatus | null }[]
  >`
    WITH locked AS (
      SELECT id, status FROM transactions WHERE id = ${req.transactionId}::uuid AND tenant_id = ${req.tenantId}::uuid FOR UPDATE
    ), moved AS (
      UPDATE transactions t SET
        status = ${req.to}::"TransactionStatus",
        updated_at = ${now}::timestamptz,
        error_class = CASE WHEN ${set(req.errorClass)} THEN ${req.errorClass ?? null}::"ErrorClass" ELSE t.error_class END,
        last_error = CASE WHEN ${set(req.lastError)} THEN ${pgTextOrNull(req.lastError)} ELSE t.last_error END,
        attempts = coalesce(${req.attempts ?? null}::int, t.attempts),
        next_attempt_at = CASE WHEN ${set(req.nextAttemptAt)} THEN ${req.nextAttemptAt ?? null}::timestamptz ELSE t.next_attempt_at END,
        external_refs = coalesce(${pgJson(req.externalRefs)}::jsonb, t.external_refs),
        mapping_version_id = coalesce(${req.mappingVersionId ?? null}::uuid, t.mapping_version_id),
        completed_at = CASE WHEN ${req.to === 'completed'} THEN ${now}::timestamptz ELSE t.completed_at END
      FROM locked
      WHERE t.id = locked.id AND locked.status::text = ANY(${sources}::text[])
      RETURNING locked.status AS moved_from
    ), facts AS (
      INSERT INTO timeline_entries (tenant_id, transaction_id, kind, type, summary, actor, from_status, to_status, data, occurred_at)
      SELECT ${req.tenantId}::uuid, ${req.transactionId}::uuid, f.kind::"TimelineKind", f.type, f.summary, f.actor,
             CASE WHEN f.kind = 'state_change' THEN moved.moved_from END, f.to_status::"TransactionStatus", f.data, f.occurred_at
      FROM moved CROSS JOIN unnest(
        ${facts.map((f) => f.kind)}::text[], ${facts.map((f) => f.type)}::text[], ${facts.map((f) => pgText(f.summary))}::text[],
        ${facts.map((f) => f.actor ?? actor)}::text[], ${facts.map((f) => f.toStatus ?? null)}::text[],
        ${facts.map((f) => pgJson(f.data))}::jsonb[], ${facts.map(at)}::timestamptz[]
      ) WITH ORDINALITY AS f(kind, type, summary, actor, to_status, data, occurred_at, n)
      ORDER BY f.n
    ), queued AS (
      INSERT INTO outbox (tenant_id, transaction_id, job_name, available_at)
      SELECT ${req.tenantId}::uuid, ${req.transactionId}::uuid, ${DISPATCH_JOB}, ${req.outboxAvailableAt ?? now}::timestamptz
      FROM moved WHERE ${NEEDS_DISPATCH.has(req.to)}
      ON CONFLICT (transaction_id) DO UPDATE SET available_at = EXCLUDED.available_at, sweeps = 0
    ), settled AS (
      DELETE FROM outbox WHERE transaction_id = ${req.transactionId}::uuid AND ${!NEEDS_DISPATCH.has(req.to)} AND EXISTS (SELECT 1 FROM moved)
    )
    SELECT (SELECT status FROM locked) AS current, (SELECT moved_from FROM moved) AS moved_from`;
  const row = rows[0];
  if (!row?.current) return { kind: 'not_found' };
  if (!row.moved_from) return { kind: 'refused', from: row.current, to: req.to };
  return { kind: 'applied', from: row.moved_from, to: req.to };
}
