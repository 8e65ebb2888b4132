// The success bodies of reconciliation's /api/v1 operations as they go over the wire (dates as ISO
// strings, money in minor units as numbers), for the OpenAPI document and the response check of
// lib/http/route.ts. Each mirrors the presenter or use case its route answers with
// (reconciliation-responses.types.test.ts holds them to those types).
import { z } from 'zod';
import { DriftKind, DriftState, ReconciliationRunStatus, TransactionStatus } from '@/lib/db';
import { DRIFT_CAUSES } from './drift-cause';

const id = z.guid();
const instant = z.iso.datetime();
const count = z.int().min(0);
/** minor units (cents); a difference or a credit can be negative */
const minor = z.int();
const driftKind = z.enum(DriftKind);
const jsonValue = z.unknown().describe('any JSON value (null when there is none)');

const driftCause = z
  .enum(DRIFT_CAUSES)
  .nullable()
  .describe('why the record differs, named at compare time; null for items found before causes');

// ---- a run's stored totals (reconciliation_runs.totals, lib/reconciliation/totals.ts) ----

const moneyTotalsSchema = z.object({
  ledgerMinor: minor.describe("the ledger's amounts of the records it holds for this side"),
  providerMinor: minor.describe("the system's amounts of its records"),
  ledgerRecords: count,
  providerRecords: count,
});

const systemTotalsSchema = z.object({
  count: count.describe("the system's records read (listed, or found by reference)"),
  amountMinor: minor.describe('their amount in minor units (one currency assumed; see money)'),
  currency: z.string().nullable(),
  matched: count.describe('records compared and found equal'),
  unmatched: count.describe('records compared with at least one drift item'),
  side: z.enum(['source', 'target']).optional().describe('absent on runs before the money split'),
  items: count.optional().describe('drift items on this side (absent on older runs)'),
  money: z
    .record(z.string(), moneyTotalsSchema)
    .optional()
    .describe('per currency code ("" when the records name none); absent on older runs'),
});

export const runTotalsSchema = z
  .record(z.string(), systemTotalsSchema)
  .describe("finance totals per system, keyed by the connection's key");

// ---- runs ----

const flowNamesSchema = z
  .object({
    key: z.string(),
    name: z.string(),
    systems: z
      .record(z.string(), z.string())
      .describe("the flow's source and target: connection key -> connection name"),
  })
  .nullable()
  .describe('null when the flow no longer exists');

export const reconciliationRunSchema = z.object({
  id,
  flowId: id,
  windowFrom: instant,
  windowTo: instant,
  trigger: z.enum(['schedule', 'console', 'api']),
  requestedBy: z.string().describe('who started it, as people read it'),
  status: z.enum(ReconciliationRunStatus),
  listed: count.describe('provider records listed or compared so far'),
  matched: count,
  drifted: count.describe('drift items found so far'),
  listingMs: count.describe("time spent waiting for the provider's listing"),
  comparingMs: count.describe('time spent comparing'),
  totals: runTotalsSchema,
  error: z.string().nullable().describe('why a failed run stopped'),
  createdAt: instant,
  finishedAt: instant.nullable(),
  flow: flowNamesSchema,
});

export const reconciliationRunListSchema = z.object({ runs: z.array(reconciliationRunSchema) });

// ---- one run: summary and a page of drift items ----

const moneyRowSchema = z.object({
  system: z.string().describe("the connection's key"),
  side: z.enum(['source', 'target']).nullable(),
  first: z.boolean().describe("the system's first row (its counts are shown once)"),
  currency: z.string().nullable(),
  ledgerMinor: minor
    .nullable()
    .describe('null: unknown (a run before ledger totals) or no money on this side'),
  providerMinor: minor.nullable(),
  differenceMinor: minor.nullable().describe('ledger − provider; null when either is unknown'),
  ledgerRecords: count.nullable(),
  providerRecords: count,
  compared: count.describe("the system's records compared = matched + drifted"),
  matched: count,
  drifted: count,
  noAmounts: z.boolean().describe("the system's records carry no money at all"),
});

const runCountsSchema = z.object({
  compared: count.describe('records compared = matched + drifted'),
  matched: count,
  drifted: count.describe('records with at least one drift item'),
  items: count.describe('drift items (the sum of byKind; a record can have several)'),
  byKind: z.partialRecord(driftKind, count).describe('drift items per kind found'),
  bySystem: z.array(
    z.object({ system: z.string(), compared: count, matched: count, drifted: count }),
  ),
});

const patternExampleSchema = z.object({
  id,
  businessKey: z.string(),
  field: z.string().nullable(),
  ledgerValue: jsonValue,
  providerValue: jsonValue,
  amountMinor: minor.nullable(),
  currency: z.string().nullable(),
  ledgerAmountMinor: minor.nullable(),
  ledgerCurrency: z.string().nullable(),
});

const driftPatternSchema = z.object({
  kind: driftKind,
  field: z.string().nullable().describe('null for a cause that explains the whole record'),
  cause: driftCause,
  items: count,
  records: count,
  open: count,
  replayable: count.describe('open items whose transaction a replay can move now'),
  exampleId: id,
  title: z.string().describe('the pattern in words'),
  example: patternExampleSchema.nullable(),
});

const windowStateSchema = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('closed') }),
    z.object({
      kind: z.literal('open_at_run'),
      seenUntil: instant.describe('the run saw the window up to here'),
      stillOpen: z.boolean(),
    }),
  ])
  .describe('whether the window had ended when the run read it');

const runSummarySchema = z.object({
  money: z.array(moneyRowSchema),
  counts: runCountsSchema,
  countsText: z.string().describe('the sentence relating the counts'),
  patterns: z.array(driftPatternSchema).describe('largest first'),
  window: windowStateSchema,
});

const driftItemSchema = z.object({
  id,
  kind: driftKind,
  state: z.enum(DriftState),
  businessKey: z.string(),
  providerRef: z.string().nullable().describe("the provider's id of the record"),
  transactionId: id.nullable(),
  field: z.string().nullable().describe('the canonical field (status and field mismatches)'),
  ledgerValue: jsonValue,
  providerValue: jsonValue,
  owner: z.string().nullable().describe("the owning system's connection key"),
  amountMinor: minor.nullable(),
  currency: z.string().nullable(),
  ledgerAmountMinor: minor.nullable(),
  ledgerCurrency: z.string().nullable(),
  cause: driftCause,
  decidedBy: z.string().nullable(),
  decidedAt: instant.nullable(),
  note: z.string().nullable(),
  createdAt: instant,
  causeLabel: z.string().nullable().describe('the cause in words'),
  transactionStatus: z
    .enum(TransactionStatus)
    .nullable()
    .describe(
      "the item's transaction's status now (a replay is offered only where it can move it)",
    ),
});

export const reconciliationRunDetailSchema = z.object({
  run: reconciliationRunSchema,
  summary: runSummarySchema,
  items: z.array(driftItemSchema),
  nextCursor: id.nullable(),
});

// ---- starting a run, the daily view, a flow's schedule, drift decisions ----

export const startedRunSchema = z.object({ runId: id });

export const dailyReconciliationSchema = z.object({
  from: z.iso.date(),
  to: z.iso.date(),
  days: z.array(
    z.object({
      day: z.iso.date().describe("the UTC day the run's window starts"),
      flow: z.object({
        id,
        key: z.string(),
        name: z.string(),
        systems: z.record(z.string(), z.string()).describe('connection key -> connection name'),
      }),
      runId: id.describe('the newest completed run of that day'),
      listed: count,
      matched: count,
      drifted: count,
      openDrift: count.describe('its drift items still open'),
      totals: runTotalsSchema,
      finishedAt: instant.nullable(),
    }),
  ),
});

export const flowScheduleResponseSchema = z.object({
  scheduled: z.boolean(),
  cron: z.string().describe('the pattern in effect (UTC), the default when none was set'),
  isDefault: z.boolean(),
  next: z.array(instant).describe('the next three fire times; empty when not scheduled'),
});

export const driftDecisionResultSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('preview'),
    matches: count.describe('open items the decision would apply to'),
  }),
  z.object({
    kind: z.literal('backfilled'),
    backfilled: count,
    skipped: count.describe('items whose record cannot be ingested'),
  }),
  z.object({
    kind: z.literal('replayed'),
    replayed: count,
    skipped: z
      .array(z.object({ itemId: id, status: z.enum(TransactionStatus).nullable() }))
      .describe('items whose transaction may not be replayed from its status'),
  }),
  z.object({ kind: z.literal('accepted'), accepted: count }),
]);
