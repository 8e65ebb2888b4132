// Retention: replaces a tenant's raw payloads and provider bodies older than its
// payloadRetentionDays by a marker (./payload-marker.ts), in bounded batches (docs/adr/0023).
// Each batch is one statement — its own short transaction, at most `batchSize` rows — walking a
// keyset over an index, so no batch holds locks for long or scans from the start, and ingest and
// dispatch keep writing beside it. Rows already carrying the marker are skipped without a write,
// so a run is idempotent and a run cut short is simply finished by the next one. Each UPDATE names
// its rows by primary key as an array, not by a join: with a join the planner, expecting few
// bodies, may scan the whole table per batch (ADR 0024's study saw it).
// What stays: every row, status, reference, count and timestamp; only body fields are rewritten.
import { recordAuditAlone, SYSTEM_ACTOR, auditActorOf } from '@/lib/audit';
import type { Db } from '@/lib/db';
import type { Operator } from '@/lib/ledger/operator';
import {
  EXPUNGED_TEXT_PREFIX,
  TIMELINE_BODY_KEYS,
  expungedMarker,
  expungedText,
  retentionCutoff,
  retentionRule,
} from './payload-marker';

export const DEFAULT_RETENTION_BATCH = 1000;
export const MAX_RETENTION_BATCH = 10_000;

export interface ExpungeOptions {
  tenantId: string;
  now?: Date;
  /** rows per statement (default 1000); also the transactions per timeline window */
  batchSize?: number;
  /** who ran it, for the audit entry; default the system (the scheduled job) */
  actor?: Operator;
  /** checked between batches: a stopping worker ends at a batch boundary */
  shouldStop?: () => boolean;
}

export interface ExpungeOutcome {
  tenantId: string;
  /** the tenant's setting; null: nothing is removed */
  days: number | null;
  cutoff: string | null;
  rule: string | null;
  inboundEvents: number;
  timelineEntries: number;
  driftItems: number;
  /** batches run: each one statement, its own transaction */
  batches: number;
  /** the most rows one statement changed: never more than batchSize */
  maxRowsPerStatement: number;
  /** ended early by shouldStop (the next run finishes) */
  stopped: boolean;
}

type Step = (n: number) => Promise<{ changed: number; more: boolean }>;

const START_ID = '00000000-0000-0000-0000-000000000000';
const START_AT = new Date(0);

export async function expungeOldPayloads(db: Db, options: ExpungeOptions): Promise<ExpungeOutcome> {
  const { tenantId } = options;
  const now = options.now ?? new Date();
  const n = Math.min(
    MAX_RETENTION_BATCH,
    Math.max(1, options.batchSize ?? DEFAULT_RETENTION_BATCH),
  );
  const tenant = await db.tenant.findUniqueOrThrow({
    where: { id: tenantId },
    select: { payloadRetentionDays: true },
  });
  const days = tenant.payloadRetentionDays;
  const out: ExpungeOutcome = {
    tenantId,
    days,
    cutoff: null,
    rule: null,
    inboundEvents: 0,
    timelineEntries: 0,
    driftItems: 0,
    batches: 0,
    maxRowsPerStatement: 0,
    stopped: false,
  };
  if (days === null) return out;
  const cutoff = retentionCutoff(now, days);
  const marker = expungedMarker(now, days);
  Object.assign(out, { cutoff: cutoff.toISOString(), rule: retentionRule(days) });
  const scope = { db, tenantId, cutoff, markerJson: JSON.stringify(marker) };

  const phases: [Step, 'inboundEvents' | 'timelineEntries' | 'driftItems'][] = [
    [inboundStep(scope, expungedText(marker)), 'inboundEvents'],
    [timelineStep(scope), 'timelineEntries'],
    [driftStep(scope), 'driftItems'],
  ];
  phases: for (const [step, count] of phases)
    for (let more = true; more;) {
      if (options.shouldStop?.()) {
        out.stopped = true;
        break phases;
      }
      const batch = await step(n);
      more = batch.more;
      out.batches += 1;
      out[count] += batch.changed;
      out.maxRowsPerStatement = Math.max(out.maxRowsPerStatement, batch.changed);
    }

  const total = out.inboundEvents + out.timelineEntries + out.driftItems;
  // Per run, after its batches: one entry with the counts (a run that found nothing changed
  // nothing and writes none). The rows themselves name the day and the rule.
  if (total > 0)
    await recordAuditAlone(db, {
      tenantId,
      actor: options.actor ? auditActorOf(options.actor) : SYSTEM_ACTOR,
      event: {
        action: 'retention.expunged',
        objectType: 'tenant',
        objectId: tenantId,
        after: {
          cutoff: out.cutoff,
          rule: out.rule,
          inboundEvents: out.inboundEvents,
          timelineEntries: out.timelineEntries,
          driftItems: out.driftItems,
          batches: out.batches,
          complete: !out.stopped,
        },
      },
    });
  return out;
}

interface Scope {
  db: Db;
  tenantId: string;
  cutoff: Date;
  markerJson: string;
}

/** Inbound events by (tenant_id, received_at): body and headers become the marker. */
function inboundStep(s: Scope, text: string): Step {
  let afterAt = START_AT;
  let afterId = START_ID;
  return async (n) => {
    const [row] = await s.db.$queryRaw<
      { scanned: number; changed: number; last_at: Date | null; last_id: string | null }[]
    >`
      WITH batch AS (
        SELECT id, received_at FROM inbound_events
        WHERE tenant_id = ${s.tenantId}::uuid AND received_at < ${s.cutoff}::timestamptz
          AND received_at >= ${afterAt}::timestamptz
          AND (received_at, id) > (${afterAt}::timestamptz, ${afterId}::uuid)
        ORDER BY received_at, id
        LIMIT ${n}
      ), changed AS (
        UPDATE inbound_events e SET body = ${text}, headers = ${s.markerJson}::jsonb
        WHERE e.id = ANY(ARRAY(SELECT id FROM batch)) AND e.tenant_id = ${s.tenantId}::uuid
          AND left(e.body, ${EXPUNGED_TEXT_PREFIX.length}) <> ${EXPUNGED_TEXT_PREFIX}
        RETURNING 1
      ), last AS (SELECT received_at, id FROM batch ORDER BY received_at DESC, id DESC LIMIT 1)
      SELECT (SELECT count(*) FROM batch)::int AS scanned, (SELECT count(*) FROM changed)::int AS changed,
             (SELECT received_at FROM last) AS last_at, (SELECT id::text FROM last) AS last_id`;
    if (row?.last_at && row.last_id) [afterAt, afterId] = [row.last_at, row.last_id];
    return { changed: row?.changed ?? 0, more: (row?.scanned ?? 0) === n };
  };
}

/**
 * Timeline facts of the tenant's transactions created before the cutoff (a fact is never older
 * than its transaction), a window of `n` transactions at a time by (tenant_id, created_at, id);
 * within a window, at most `n` facts per statement until none is left (a replayed transaction
 * has many). Only facts that occurred before the cutoff, and only their body keys.
 */
function timelineStep(s: Scope): Step {
  let afterAt = START_AT;
  let afterId = START_ID;
  let window: { ids: string[]; last: boolean } | null = null;
  const keys = [...TIMELINE_BODY_KEYS];
  return async (n) => {
    if (!window) {
      const rows = await s.db.$queryRaw<{ created_at: Date; id: string }[]>`
        SELECT created_at, id::text FROM transactions
        WHERE tenant_id = ${s.tenantId}::uuid AND created_at < ${s.cutoff}::timestamptz
          AND created_at >= ${afterAt}::timestamptz
          AND (created_at, id) > (${afterAt}::timestamptz, ${afterId}::uuid)
        ORDER BY created_at, id
        LIMIT ${n}`;
      const last = rows.at(-1);
      if (!last) return { changed: 0, more: false };
      [afterAt, afterId] = [last.created_at, last.id];
      window = { ids: rows.map((r) => r.id), last: rows.length < n };
    }
    const changed = await s.db.$executeRaw`
      WITH target AS (
        SELECT te.id FROM timeline_entries te
        WHERE te.transaction_id = ANY(${window.ids}::uuid[]) AND te.tenant_id = ${s.tenantId}::uuid
          AND te.occurred_at < ${s.cutoff}::timestamptz
          AND CASE WHEN jsonb_typeof(te.data) = 'object' THEN EXISTS (
                SELECT 1 FROM jsonb_each(te.data) f
                WHERE f.key = ANY(${keys}::text[])
                  AND NOT (jsonb_typeof(f.value) = 'object' AND f.value ? 'expunged'))
              ELSE false END
        LIMIT ${n}
      )
      UPDATE timeline_entries te
      SET data = te.data || (SELECT jsonb_object_agg(f.key, ${s.markerJson}::jsonb)
                             FROM jsonb_each(te.data) f WHERE f.key = ANY(${keys}::text[]))
      WHERE te.id = ANY(ARRAY(SELECT id FROM target))`;
    // a full statement may have left more in this window; otherwise move to the next window
    if (changed === n) return { changed, more: true };
    const more = !window.last;
    window = null;
    return { changed, more };
  };
}

/** A drift item's provider record (the provider's record as listed) becomes the marker. */
function driftStep(s: Scope): Step {
  let afterId = START_ID;
  return async (n) => {
    const [row] = await s.db.$queryRaw<
      { scanned: number; changed: number; last_id: string | null }[]
    >`
      WITH batch AS (
        SELECT id FROM drift_items
        WHERE tenant_id = ${s.tenantId}::uuid AND id > ${afterId}::uuid
          AND created_at < ${s.cutoff}::timestamptz
        ORDER BY id
        LIMIT ${n}
      ), changed AS (
        UPDATE drift_items d SET provider_record = ${s.markerJson}::jsonb
        WHERE d.id = ANY(ARRAY(SELECT id FROM batch)) AND d.provider_record IS NOT NULL
          AND NOT (jsonb_typeof(d.provider_record) = 'object' AND d.provider_record ? 'expunged')
        RETURNING 1
      )
      SELECT (SELECT count(*) FROM batch)::int AS scanned, (SELECT count(*) FROM changed)::int AS changed,
             (SELECT id::text FROM batch ORDER BY id DESC LIMIT 1) AS last_id`;
    if (row?.last_id) afterId = row.last_id;
    return { changed: row?.changed ?? 0, more: (row?.scanned ?? 0) === n };
  };
}
