// The evidence lib/ledger/failure-cause.ts judges, read for a set of transactions in two
// statements: the failures on their timelines tallied by error class (a provider's failed answer,
// a dependency block that spent an attempt, a dependency wait that did not), and the state of the
// step each one depends on (the flow's depends-on flow, same business key). Both read through the
// (transaction_id, occurred_at, id) timeline index; callers pass the few ids a screen shows.
import type { Db, ErrorClass, TransactionStatus } from '@/lib/db';
import { providerMessage, type ClassTally, type DependencyState } from './failure-cause';

interface TallyRow {
  id: string;
  error_class: ErrorClass;
  attempts: number;
  waits: number;
  said: string | null;
  http_status: string | null;
  last_at: Date;
}

interface DependencyRow {
  id: string;
  step: string;
  target: string;
  dep_id: string | null;
  dep_status: TransactionStatus | null;
  dep_error_class: ErrorClass | null;
  dep_last_error: string | null;
  dep_said: string | null;
}

export interface FailureEvidence {
  tallies: Map<string, ClassTally[]>;
  dependencies: Map<string, DependencyState>;
}

/** `text` masks what providers said (they may quote personal data) before anything is shown. */
export async function loadFailureEvidence(
  // raw statements only, each naming the tenant: a scoped client (TenantDb) does as well as Db
  db: Pick<Db, '$queryRaw'>,
  tenantId: string,
  transactionIds: readonly string[],
  text: (value: string) => string,
): Promise<FailureEvidence> {
  const tallies = new Map<string, ClassTally[]>();
  const dependencies = new Map<string, DependencyState>();
  if (transactionIds.length === 0) return { tallies, dependencies };
  const ids = [...new Set(transactionIds)];
  // Dependency waits and blocks are status changes whose reason the dispatcher words
  // "waiting: …" / "blocked: …" (lib/engine/dispatch.ts); a provider's failure carries its class.
  const [tallyRows, dependencyRows] = await Promise.all([
    db.$queryRaw<TallyRow[]>`
      SELECT x.id, x.error_class, count(*) FILTER (WHERE NOT x.wait)::int AS attempts,
        count(*) FILTER (WHERE x.wait)::int AS waits,
        (array_agg(x.said ORDER BY x.occurred_at DESC, x.seq DESC))[1] AS said,
        (array_agg(x.http_status ORDER BY x.occurred_at DESC, x.seq DESC))[1] AS http_status,
        max(x.occurred_at) AS last_at
      FROM (
        SELECT te.transaction_id::text AS id, te.id AS seq, te.occurred_at,
          CASE WHEN te.type = 'provider.failed' THEN coalesce(te.data->>'errorClass', 'unknown')
               ELSE 'missing_dependency' END AS error_class,
          te.type = 'status.changed' AND te.summary LIKE 'waiting: %' AS wait,
          te.summary AS said, te.data->>'status' AS http_status
        FROM timeline_entries te
        WHERE te.tenant_id = ${tenantId}::uuid AND te.transaction_id = ANY(${ids}::uuid[])
          AND (te.type = 'provider.failed'
            OR (te.type = 'status.changed' AND (te.summary LIKE 'waiting: %' OR te.summary LIKE 'blocked: %')))
      ) x
      GROUP BY x.id, x.error_class`,
    db.$queryRaw<DependencyRow[]>`
      SELECT t.id::text AS id, df.name AS step, dc.name AS target,
        d.id::text AS dep_id, d.status::text AS dep_status, d.error_class::text AS dep_error_class,
        d.last_error AS dep_last_error, p.summary AS dep_said
      FROM transactions t
      JOIN flows f ON f.id = t.flow_id AND f.tenant_id = t.tenant_id
      JOIN flows df ON df.id = f.depends_on_flow_id AND df.tenant_id = t.tenant_id
      JOIN connections dc ON dc.id = df.target_connection_id
      LEFT JOIN LATERAL (
        SELECT d.id, d.status, d.error_class, d.last_error FROM transactions d
        WHERE d.tenant_id = t.tenant_id AND d.business_key = t.business_key AND d.flow_id = df.id
        ORDER BY (d.status = 'completed') DESC, d.created_at DESC LIMIT 1
      ) d ON true
      LEFT JOIN LATERAL (
        SELECT te.summary FROM timeline_entries te
        WHERE te.transaction_id = d.id AND te.tenant_id = t.tenant_id AND te.type LIKE 'provider.%'
        ORDER BY te.occurred_at DESC, te.id DESC LIMIT 1
      ) p ON true
      WHERE t.tenant_id = ${tenantId}::uuid AND t.id = ANY(${ids}::uuid[])`,
  ]);
  for (const r of tallyRows) {
    const list = tallies.get(r.id) ?? [];
    const status = r.http_status === null ? NaN : Number(r.http_status);
    list.push({
      errorClass: r.error_class,
      attempts: r.attempts,
      waits: r.waits,
      said: r.said === null ? null : text(saidOf(r.said)),
      httpStatus: Number.isInteger(status) ? status : null,
      lastAt: r.last_at.toISOString(),
    });
    tallies.set(r.id, list);
  }
  for (const r of dependencyRows)
    dependencies.set(r.id, {
      step: r.step,
      target: r.target,
      transactionId: r.dep_id,
      status: r.dep_status,
      errorClass: r.dep_error_class,
      said: r.dep_said ? text(r.dep_said) : r.dep_last_error ? text(r.dep_last_error) : null,
    });
  return { tallies, dependencies };
}

/** A provider's words without our prefix; a dependency wait's reason without "waiting: " and
 * without the retry schedule the dispatcher appends ("; retry 2 of 5 in 4 s at …"). */
function saidOf(summary: string): string {
  return providerMessage(
    summary.replace(/^(waiting|blocked): /, '').replace(/; retry \d+ of .*$/, ''),
  );
}
