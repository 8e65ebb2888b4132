// Read model of the order journey: every transaction sharing a business key, across flows and
// systems, each with where it stands and its last timeline step. One statement: the
// (tenant_id, business_key) index finds the transactions and a LATERAL probe of
// timeline_entries (transaction_id, occurred_at, id) reads each one's newest entry.
import {
  tenantDb,
  type Db,
  type ErrorClass,
  type TimelineKind,
  type TransactionStatus,
} from '@/lib/db';
import { notFound } from '@/lib/errors';
import { errorClassHelp } from './error-class-help';
import { explainFailure } from './failure-cause';
import { loadFailureEvidence } from './failure-evidence';
import { heldByPause, shownStatus } from './held-by-pause';
import type { InvalidRule } from './masking-rules';
import { summarizeJourney } from './order-journey-summary';
import { loadSensitiveValues, maskerOf } from './transaction-mask';

/** More than any real order has; a key shared by more is shown in part, and says so. */
export const MAX_JOURNEY_STEPS = 200;

interface StepRow {
  id: string;
  status: TransactionStatus;
  error_class: ErrorClass | null;
  last_error: string | null;
  attempts: number;
  external_refs: Record<string, unknown> | null;
  customer_email: string | null;
  created_at: Date;
  updated_at: Date;
  completed_at: Date | null;
  next_attempt_at: Date | null;
  flow_key: string;
  flow_name: string;
  event_type: string;
  operation: string;
  source_name: string;
  target_name: string;
  flow_status: string;
  flow_paused_at: Date | null;
  flow_paused_by: string | null;
  flow_pause_reason: string | null;
  target_status: string;
  target_paused_at: Date | null;
  target_paused_by: string | null;
  target_pause_reason: string | null;
  last_kind: TimelineKind | null;
  last_type: string | null;
  last_summary: string | null;
  last_at: Date | null;
}

export async function getOrderJourney(
  db: Db,
  tenantId: string,
  businessKey: string,
  options: { maskPersonalData: boolean; onInvalidRule?: (rule: InvalidRule) => void },
) {
  const rows = await db.$queryRaw<StepRow[]>`
    SELECT t.id::text AS id, t.status::text AS status, t.error_class::text AS error_class,
           t.last_error, t.attempts, t.external_refs, t.customer_email,
           t.created_at, t.updated_at, t.completed_at, t.next_attempt_at,
           f.key AS flow_key, f.name AS flow_name, f.event_type, f.operation,
           sc.name AS source_name, tc.name AS target_name,
           f.status::text AS flow_status, f.paused_at AS flow_paused_at,
           f.paused_by AS flow_paused_by, f.pause_reason AS flow_pause_reason,
           tc.status::text AS target_status, tc.paused_at AS target_paused_at,
           tc.paused_by AS target_paused_by, tc.pause_reason AS target_pause_reason,
           e.kind::text AS last_kind, e.type AS last_type, e.summary AS last_summary,
           e.occurred_at AS last_at
    FROM transactions t
    JOIN flows f ON f.id = t.flow_id
    JOIN connections sc ON sc.id = f.source_connection_id
    JOIN connections tc ON tc.id = f.target_connection_id
    LEFT JOIN LATERAL (
      SELECT te.kind, te.type, te.summary, te.occurred_at
      FROM timeline_entries te
      WHERE te.transaction_id = t.id
      ORDER BY te.occurred_at DESC, te.id DESC
      LIMIT 1
    ) e ON true
    WHERE t.tenant_id = ${tenantId}::uuid AND t.business_key = ${businessKey}
    ORDER BY t.created_at, f.name, t.id
    LIMIT ${MAX_JOURNEY_STEPS + 1}`;
  if (rows.length === 0) throw notFound('order');
  const shown = rows.slice(0, MAX_JOURNEY_STEPS);
  // Provider answers quote what was sent (emails, names, addresses): every text is masked with the
  // sensitive values of the order's transactions, like the Transaction screen masks them.
  const values = await loadSensitiveValues(
    tenantDb(db, tenantId),
    shown.map((r) => r.id),
    { personal: options.maskPersonalData, onInvalidRule: options.onInvalidRule },
  );
  const mask = maskerOf(values.values(), options.maskPersonalData);
  const text = (value: string | null) => (value ? mask.text(value) : value);
  const email = shown.find((r) => r.customer_email)?.customer_email ?? null;
  const evidence = await loadFailureEvidence(
    db,
    tenantId,
    shown.filter((r) => r.error_class).map((r) => r.id),
    (v) => mask.text(v),
  );
  const steps = shown.map((r) => ({
    id: r.id,
    flow: { key: r.flow_key, name: r.flow_name, eventType: r.event_type, operation: r.operation },
    source: r.source_name,
    target: r.target_name,
    status: r.status,
    errorClass: r.error_class,
    /** what the class means and what a person does next, in words */
    errorHelp: r.error_class ? errorClassHelp(r.error_class) : null,
    lastError: text(r.last_error),
    /** the cause that explains the failure, with the last attempt's error beside it */
    cause: explainFailure({
      status: r.status,
      errorClass: r.error_class,
      lastError: text(r.last_error),
      tallies: evidence.tallies.get(r.id) ?? [],
      dependency: evidence.dependencies.get(r.id) ?? null,
    }),
    /** the pause holding this step back: shown as "paused" with who, when and why */
    heldBy: heldByPause(r.status, {
      target: pauseState(r.target_name, r.target_status, 'target', r),
      flow: pauseState(r.flow_name, r.flow_status, 'flow', r),
    }),
    attempts: r.attempts,
    externalRefs: stringRefs(mask.value(r.external_refs)),
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    completedAt: r.completed_at?.toISOString() ?? null,
    nextAttemptAt: r.next_attempt_at?.toISOString() ?? null,
    lastStep:
      r.last_type && r.last_at
        ? {
            kind: r.last_kind,
            type: r.last_type,
            summary: text(r.last_summary) ?? '',
            occurredAt: r.last_at.toISOString(),
          }
        : null,
  }));
  return {
    businessKey,
    customerEmail: text(email),
    summary: summarizeJourney(
      steps.map((s) => ({
        eventType: s.flow.eventType,
        target: s.target,
        operation: s.flow.operation,
        status: shownStatus(s.status, s.heldBy),
        errorClass: s.errorClass,
      })),
    ),
    steps,
    truncated: rows.length > MAX_JOURNEY_STEPS,
    asOf: new Date().toISOString(),
  };
}

function pauseState(name: string, status: string, of: 'target' | 'flow', r: StepRow) {
  return of === 'target'
    ? {
        name,
        status,
        pausedAt: r.target_paused_at,
        pausedBy: r.target_paused_by,
        pauseReason: r.target_pause_reason,
      }
    : {
        name,
        status,
        pausedAt: r.flow_paused_at,
        pausedBy: r.flow_paused_by,
        pauseReason: r.flow_pause_reason,
      };
}

function stringRefs(refs: Record<string, unknown> | null): Record<string, string> {
  return Object.fromEntries(
    Object.entries(refs ?? {}).filter((e): e is [string, string] => typeof e[1] === 'string'),
  );
}

export type OrderJourney = Awaited<ReturnType<typeof getOrderJourney>>;
export type JourneyStep = OrderJourney['steps'][number];
