// THE one function that changes a transaction's status. One SQL statement for any number of
// transactions, so it is atomic on its own (the worker settles a whole batch in one round trip and
// one commit) and composes inside a larger database transaction (a person's replay with its audit
// entry). In that statement, for each request:
//   - the row is locked (in id order: concurrent batches cannot deadlock) and updated only if its
//     current status may move to the target (the guard is the table in status.ts) and, when the
//     caller says what it read, only if it is still that;
//   - the accompanying facts and the state change are appended to the timeline; facts marked
//     `evenIfRefused` (a command that was really sent) are kept even when the move is refused;
//   - the outbox follows the status: a row exists exactly while the transaction needs dispatching
//     (received, waiting_retry), due when the next attempt is.
// Refused moves change nothing else and come back as verdict values, in request order.
import {
  queryRows,
  type ErrorClass,
  type Prisma,
  type SqlRunner,
  type TransactionStatus,
} from '@/lib/db';
import { pgJson } from './pg-json';
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
  relatedTransactionId?: string;
  /** facts recorded with the change (command sent, provider answered...), in order */
  facts?: (TimelineFact & { evenIfRefused?: boolean })[];
  data?: Prisma.InputJsonValue;
  /** when the outbox should next offer a transaction that still needs dispatching */
  outboxAvailableAt?: Date;
}

export type TransitionVerdict =
  | { kind: 'applied'; from: TransactionStatus; to: TransactionStatus }
  | { kind: 'refused'; from: TransactionStatus; to: TransactionStatus }
  | { kind: 'not_found' };

export type { SqlRunner };

export const NEEDS_DISPATCH: ReadonlySet<TransactionStatus> = new Set([
  'received',
  'waiting_retry',
]);

export async function transition(
  db: SqlRunner,
  req: TransitionRequest,
): Promise<TransitionVerdict> {
  const [verdict] = await transitionMany(db, [req]);
  return verdict ?? { kind: 'not_found' };
}

export async function transitionMany(
  db: SqlRunner,
  requests: readonly TransitionRequest[],
): Promise<TransitionVerdict[]> {
  if (requests.length === 0) return [];
  const now = new Date();
  const seen = new Set<string>();
  for (const r of requests) {
    // One request per transaction per statement: two updates of one row in one statement would
    // see the same snapshot and the second would silently lose.
    if (seen.has(r.transactionId))
      throw new Error(`transition twice in one batch: ${r.transactionId}`);
    seen.add(r.transactionId);
  }
  const reqRows = requests.map((r) => ({
    id: r.transactionId,
    tenant_id: r.tenantId,
    to: r.to,
    sources: allowedSources(r.to)
      .filter((s) => !r.from || s === r.from)
      .join(','),
    set_error_class: r.errorClass !== undefined,
    error_class: r.errorClass ?? null,
    set_last_error: r.lastError !== undefined,
    last_error: r.lastError ?? null,
    attempts: r.attempts ?? null,
    set_next: r.nextAttemptAt !== undefined,
    next_attempt_at: r.nextAttemptAt?.toISOString() ?? null,
    external_refs: r.externalRefs ?? null,
    mapping_version_id: r.mappingVersionId ?? null,
    related_transaction_id: r.relatedTransactionId ?? null,
    completed: r.to === 'completed',
    dispatch: NEEDS_DISPATCH.has(r.to),
    outbox_at: (r.outboxAvailableAt ?? now).toISOString(),
  }));
  const factRows = requests.flatMap((r) => {
    const actor = r.actor ?? 'system';
    const facts: (TimelineFact & { evenIfRefused?: boolean })[] = [
      ...(r.facts ?? []),
      {
        kind: 'state_change',
        type: 'status.changed',
        summary: r.reason,
        actor,
        toStatus: r.to,
        data: r.data,
      },
    ];
    return facts.map((f, n) => ({
      id: r.transactionId,
      tenant_id: r.tenantId,
      n,
      kind: f.kind,
      type: f.type,
      summary: f.summary,
      actor: f.actor ?? actor,
      to_status: f.toStatus ?? null,
      data: f.data ?? null,
      occurred_at: (f.occurredAt ?? now).toISOString(),
      always: f.evenIfRefused === true,
    }));
  });
  const rows = await queryRows<{
    id: string;
    current: TransactionStatus | null;
    moved_from: TransactionStatus | null;
  }>(db)`
    WITH req AS (
      SELECT * FROM jsonb_to_recordset(${pgJson(reqRows)}::jsonb) AS r(
        id uuid, tenant_id uuid, "to" text, sources text, set_error_class boolean, error_class text,
        set_last_error boolean, last_error text, attempts int, set_next boolean, next_attempt_at timestamptz,
        external_refs jsonb, mapping_version_id uuid, related_transaction_id uuid, completed boolean,
        dispatch boolean, outbox_at timestamptz)
    ), locked AS (
      SELECT t.id, t.status, t.flow_id FROM transactions t JOIN req ON req.id = t.id AND req.tenant_id = t.tenant_id
      ORDER BY t.id FOR UPDATE OF t
    ), moved AS (
      UPDATE transactions t SET
        status = req."to"::"TransactionStatus",
        updated_at = ${now}::timestamptz,
        error_class = CASE WHEN req.set_error_class THEN req.error_class::"ErrorClass" ELSE t.error_class END,
        last_error = CASE WHEN req.set_last_error THEN req.last_error ELSE t.last_error END,
        attempts = coalesce(req.attempts, t.attempts),
        next_attempt_at = CASE WHEN req.set_next THEN req.next_attempt_at ELSE t.next_attempt_at END,
        external_refs = coalesce(req.external_refs, t.external_refs),
        mapping_version_id = coalesce(req.mapping_version_id, t.mapping_version_id),
        related_transaction_id = coalesce(req.related_transaction_id, t.related_transaction_id),
        completed_at = CASE WHEN req.completed THEN ${now}::timestamptz ELSE t.completed_at END
      FROM req JOIN locked ON locked.id = req.id
      WHERE t.id = req.id AND locked.status::text = ANY(string_to_array(req.sources, ','))
      RETURNING t.id, locked.status AS moved_from
    ), fact AS (
      SELECT * FROM jsonb_to_recordset(${pgJson(factRows)}::jsonb) AS f(
        id uuid, tenant_id uuid, n int, kind text, type text, summary text, actor text, to_status text,
        data jsonb, occurred_at timestamptz, always boolean)
    ), facts AS (
      INSERT INTO timeline_entries (tenant_id, transaction_id, kind, type, summary, actor, from_status, to_status, data, occurred_at)
      SELECT f.tenant_id, f.id, f.kind::"TimelineKind", f.type, f.summary, f.actor,
             CASE WHEN f.kind = 'state_change' THEN moved.moved_from END, f.to_status::"TransactionStatus", f.data, f.occurred_at
      FROM fact f JOIN locked ON locked.id = f.id LEFT JOIN moved ON moved.id = f.id
      WHERE moved.id IS NOT NULL OR f.always
      ORDER BY f.id, f.n
    ), queued AS (
      INSERT INTO outbox (tenant_id, transaction_id, connection_id, flow_id, available_at)
      SELECT req.tenant_id, req.id, fl.target_connection_id, fl.id, req.outbox_at
      FROM moved JOIN req ON req.id = moved.id JOIN locked ON locked.id = moved.id JOIN flows fl ON fl.id = locked.flow_id
      WHERE req.dispatch
      ON CONFLICT (transaction_id) DO UPDATE SET available_at = EXCLUDED.available_at, claims = 0
    ), settled AS (
      DELETE FROM outbox o USING moved JOIN req ON req.id = moved.id
      WHERE o.transaction_id = moved.id AND NOT req.dispatch
    )
    SELECT req.id::text AS id, locked.status AS current, moved.moved_from
    FROM req LEFT JOIN locked ON locked.id = req.id LEFT JOIN moved ON moved.id = req.id`;
  const byId = new Map(rows.map((row) => [row.id, row]));
  return requests.map((r): TransitionVerdict => {
    const row = byId.get(r.transactionId);
    if (!row?.current) return { kind: 'not_found' };
    if (!row.moved_from) return { kind: 'refused', from: row.current, to: r.to };
    return { kind: 'applied', from: row.moved_from, to: r.to };
  });
}
