// Read model of the Error queues screen: open failures grouped by flow and error class, with how
// many, when the group was first and last seen (when its transactions last changed, the same
// clock the replay filter's window compares with), and the newest error message as a sample.
//
// "Open failure" means a transaction waiting for a person: failed (retries spent) or needs_review
// (a class retrying cannot fix). waiting_retry is left out on purpose: the engine is still working
// on those, replay and resolve refuse them, and the Overview shows them as backlog.
//
// Cost: one aggregate over the tenant's failed + needs_review rows, then one LIMIT 1 lookup per
// group (at most flows x classes) for the sample. At 1M transactions with 3 % open, it needs the
// partial index (tenant_id, flow_id, error_class, updated_at DESC, id DESC) INCLUDE (status)
// WHERE status IN ('failed', 'needs_review') to stay near 30 ms (an index-only scan); with the
// (tenant_id, status, ...) indexes alone the heap fetches cost ~400 ms.
import type { Db, ErrorClass } from '@/lib/db';
import { Prisma, tenantDb } from '@/lib/db';
import { explainFailure, mergeTallies } from './failure-cause';
import { loadFailureEvidence } from './failure-evidence';
import type { InvalidRule } from './masking-rules';
import { loadSensitiveValues, maskerOf } from './transaction-mask';

/** A group's cause is judged on its newest transactions: enough to see a pattern, cheap to read. */
export const CAUSE_SAMPLE_SIZE = 20;

export const OPEN_FAILURE_STATUSES = ['failed', 'needs_review'] as const;

export interface ErrorGroupWindow {
  /** inclusive lower bound on updated_at */
  from?: Date;
  /** exclusive upper bound on updated_at (like the replay filter) */
  to?: Date;
}

interface GroupRow {
  flow_id: string;
  flow_name: string;
  target_name: string;
  error_class: ErrorClass | null;
  failed: number;
  needs_review: number;
  first_seen: Date;
  last_seen: Date;
  sample_id: string | null;
  sample: string | null;
  /** the group's newest transactions (up to CAUSE_SAMPLE_SIZE), newest first */
  recent_ids: string[] | null;
}

function windowSql(window: ErrorGroupWindow) {
  return Prisma.sql`${window.from ? Prisma.sql`AND t.updated_at >= ${window.from}::timestamptz` : Prisma.empty}
    ${window.to ? Prisma.sql`AND t.updated_at < ${window.to}::timestamptz` : Prisma.empty}`;
}

export async function listErrorGroups(
  db: Db,
  tenantId: string,
  options: {
    window?: ErrorGroupWindow;
    maskPersonalData?: boolean;
    onInvalidRule?: (rule: InvalidRule) => void;
  } = {},
) {
  const asOf = new Date();
  const window = windowSql(options.window ?? {});
  // Status literals (not status::text) so the planner can use the status indexes, or the partial
  // open-failures index proposed for this screen. MATERIALIZED: the planner guesses one group and
  // would otherwise re-run the aggregate once per flow. The sample is found by equality on the
  // class (indexable); a group without a class has no sample.
  const rows = await db.$queryRaw<GroupRow[]>`
    WITH groups AS MATERIALIZED (
      SELECT t.flow_id, t.error_class,
        count(*) FILTER (WHERE t.status = 'failed')::int AS failed,
        count(*) FILTER (WHERE t.status = 'needs_review')::int AS needs_review,
        min(t.updated_at) AS first_seen, max(t.updated_at) AS last_seen
      FROM transactions t
      WHERE t.tenant_id = ${tenantId}::uuid AND t.status IN ('failed', 'needs_review') ${window}
      GROUP BY t.flow_id, t.error_class
    )
    SELECT g.flow_id::text, f.name AS flow_name, c.name AS target_name,
      g.error_class::text AS error_class, g.failed, g.needs_review, g.first_seen, g.last_seen,
      s.id::text AS sample_id, s.last_error AS sample, r.ids AS recent_ids
    FROM groups g
    JOIN flows f ON f.id = g.flow_id AND f.tenant_id = ${tenantId}::uuid
    JOIN connections c ON c.id = f.target_connection_id
    LEFT JOIN LATERAL (
      SELECT t.id, t.last_error FROM transactions t
      WHERE t.tenant_id = ${tenantId}::uuid AND t.status IN ('failed', 'needs_review')
        AND t.flow_id = g.flow_id AND t.error_class = g.error_class ${window}
      ORDER BY t.updated_at DESC, t.id DESC
      LIMIT 1
    ) s ON true
    LEFT JOIN LATERAL (
      SELECT array_agg(x.id::text ORDER BY x.updated_at DESC, x.id DESC) AS ids FROM (
        SELECT t.id, t.updated_at FROM transactions t
        WHERE t.tenant_id = ${tenantId}::uuid AND t.status IN ('failed', 'needs_review')
          AND t.flow_id = g.flow_id AND t.error_class = g.error_class ${window}
        ORDER BY t.updated_at DESC, t.id DESC
        LIMIT ${CAUSE_SAMPLE_SIZE}
      ) x
    ) r ON true
    ORDER BY g.last_seen DESC, f.name, g.error_class`;
  // A sample is a provider's error text, which may quote what was sent: masked with the sensitive
  // values of the transaction it came from (lib/ledger/transaction-mask.ts).
  const personal = options.maskPersonalData === true;
  const recent = rows.flatMap((r) => r.recent_ids ?? []);
  const values = await loadSensitiveValues(
    tenantDb(db, tenantId),
    [
      ...new Set([
        ...rows.flatMap((r) => (r.sample && r.sample_id ? [r.sample_id] : [])),
        ...recent,
      ]),
    ],
    { personal, onInvalidRule: options.onInvalidRule },
  );
  // What providers said across the groups is masked with every sampled transaction's values.
  const evidence = await loadFailureEvidence(db, tenantId, recent, (v) =>
    maskerOf(values.values(), personal).text(v),
  );
  const sampleText = (r: GroupRow) => {
    if (!r.sample) return r.sample;
    const own = r.sample_id ? values.get(r.sample_id) : undefined;
    return maskerOf(own ? [own] : [], personal).text(r.sample);
  };
  const groups = rows.map((r) => ({
    /** stable across renders: flow and class name a group */
    key: `${r.flow_id}:${r.error_class ?? 'unclassified'}`,
    flowId: r.flow_id,
    flowName: r.flow_name,
    targetName: r.target_name,
    /** null: failed without a class (should not happen; shown, never hidden) */
    errorClass: r.error_class,
    failed: r.failed,
    needsReview: r.needs_review,
    total: r.failed + r.needs_review,
    firstSeen: r.first_seen.toISOString(),
    lastSeen: r.last_seen.toISOString(),
    sample: sampleText(r),
    sampleTransactionId: r.sample_id,
    /** the cause across the group's newest transactions' attempts; the sample is the last error */
    cause: explainFailure({
      status: r.failed > 0 ? 'failed' : 'needs_review',
      errorClass: r.error_class,
      lastError: sampleText(r),
      tallies: mergeTallies((r.recent_ids ?? []).map((id) => evidence.tallies.get(id) ?? [])),
      dependency: (r.sample_id && evidence.dependencies.get(r.sample_id)) || null,
      scope: 'group',
    }),
    /** how many transactions the cause was judged on */
    causeSampled: r.recent_ids?.length ?? 0,
  }));
  return {
    asOf: asOf.toISOString(),
    groups,
    total: groups.reduce((sum, g) => sum + g.total, 0),
  };
}

export type ErrorGroups = Awaited<ReturnType<typeof listErrorGroups>>;
export type ErrorGroup = ErrorGroups['groups'][number];

/**
 * Progress of one replay batch, for the Error queues screen's progress bar (it polls this while
 * the batch runs). replay_batches is not tenant-scoped by the client: the tenant is named here.
 */
export async function findReplayProgress(db: Db, tenantId: string, batchId: string) {
  const batch = await db.replayBatch.findFirst({
    where: { id: batchId, tenantId },
    select: { id: true, status: true, total: true, replayed: true, skipped: true },
  });
  if (!batch) return null;
  const handled = batch.replayed + batch.skipped;
  return {
    ...batch,
    handled,
    // An empty batch is finished work, not a bar stuck at zero.
    percent: batch.total === 0 ? 100 : Math.min(100, Math.floor((handled / batch.total) * 100)),
  };
}

export type ReplayProgress = NonNullable<Awaited<ReturnType<typeof findReplayProgress>>>;
