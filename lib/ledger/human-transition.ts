// A person moves many transactions at once (resolve, cancel, replay): each from the status it has
// now, through the one guarded transition, with the same human_action fact on every timeline.
// Ids of another tenant or of no transaction are reported as not found, never touched.
import type { TransactionStatus } from '@/lib/db';
import type { TimelineFact } from './timeline';
import { transitionMany, type SqlRunner, type TransitionRequest } from './transition';

export interface BulkOutcome {
  /** moved now */
  applied: string[];
  /** exist but may not make this move from where they are (already completed, say) */
  skipped: { id: string; status: TransactionStatus }[];
  notFound: string[];
  /** target connections of the applied ones: replays wake their dispatchers */
  connectionIds: string[];
}

export const MAX_BULK_IDS = 1000;

interface Current {
  id: string;
  status: TransactionStatus;
  connection_id: string;
}

export async function humanTransition(
  db: SqlRunner,
  tenantId: string,
  ids: readonly string[],
  move: {
    to: TransactionStatus;
    /** statuses this action accepts; others are skipped without asking the guard */
    from: readonly TransactionStatus[];
    reason: string;
    actor: string;
    fact: TimelineFact;
    extra?: Partial<TransitionRequest>;
  },
): Promise<BulkOutcome> {
  const unique = [...new Set(ids)];
  const rows = await db.$queryRaw<Current[]>`
    SELECT t.id::text AS id, t.status::text AS status, f.target_connection_id::text AS connection_id
    FROM transactions t JOIN flows f ON f.id = t.flow_id
    WHERE t.tenant_id = ${tenantId}::uuid AND t.id = ANY(${unique}::uuid[])`;
  const found = new Map(rows.map((r) => [r.id, r]));
  const eligible = rows.filter((r) => move.from.includes(r.status));
  const verdicts = await transitionMany(
    db,
    eligible.map((r) => ({
      tenantId,
      transactionId: r.id,
      from: r.status,
      to: move.to,
      actor: move.actor,
      reason: move.reason,
      facts: [move.fact],
      ...move.extra,
    })),
  );
  const applied: string[] = [];
  const skipped: BulkOutcome['skipped'] = rows
    .filter((r) => !move.from.includes(r.status))
    .map((r) => ({ id: r.id, status: r.status }));
  eligible.forEach((r, i) => {
    const verdict = verdicts[i];
    if (verdict?.kind === 'applied') applied.push(r.id);
    else skipped.push({ id: r.id, status: verdict?.kind === 'refused' ? verdict.from : r.status });
  });
  return {
    applied,
    skipped,
    notFound: unique.filter((id) => !found.has(id)),
    connectionIds: [...new Set(applied.map((id) => found.get(id)?.connection_id ?? ''))].filter(
      Boolean,
    ),
  };
}
