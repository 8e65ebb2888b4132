// Reconciliation's /api/v1 operations as route specs, merged into lib/http/api-catalog.ts.
import { z } from 'zod';
import type { ApiOperation, RouteSpec } from '@/lib/base/route-spec';
import { driftDecisionSchema } from './decide-drift';
import { dailySummaryQuerySchema } from './daily-summary.presenter';
import { flowScheduleSchema } from './flow-schedule';
import {
  dailyReconciliationSchema,
  driftDecisionResultSchema,
  flowScheduleResponseSchema,
  reconciliationRunDetailSchema,
  reconciliationRunListSchema,
  startedRunSchema,
} from './reconciliation-responses';
import { driftItemFilterSchema } from './runs.presenter';
import { runRequestSchema } from './start-run';

const TAG = 'Reconciliation';
type Spec = RouteSpec & { operation: ApiOperation };

export const RECONCILIATION_API = {
  'GET /api/v1/reconciliation/runs': {
    permission: 'reconciliation.run',
    query: z.object({
      flowId: z.uuid().optional(),
      limit: z.coerce.number().int().min(1).max(200).default(50),
    }),
    response: reconciliationRunListSchema,
    operation: {
      id: 'listReconciliationRuns',
      tag: TAG,
      summary: 'Recent reconciliation runs with progress, counts and finance totals per system',
    },
  },
  'POST /api/v1/reconciliation/runs': {
    permission: 'reconciliation.run',
    body: runRequestSchema,
    response: startedRunSchema,
    operation: {
      id: 'startReconciliationRun',
      tag: TAG,
      status: 202,
      summary: 'Force a reconciliation run of one flow over a window (at most 35 days)',
      description: 'Answers { runId }; the worker runs it in chunks. Poll GET …/runs/{id}.',
    },
  },
  'GET /api/v1/reconciliation/runs/{id}': {
    permission: 'reconciliation.run',
    params: z.object({ id: z.uuid('unknown reconciliation run') }),
    query: driftItemFilterSchema,
    response: reconciliationRunDetailSchema,
    operation: {
      id: 'getReconciliationRun',
      tag: TAG,
      summary:
        'A run with its finance summary and one page of its drift items, filtered by kind and state',
      description:
        'Answers { run, summary, items, nextCursor }; pass nextCursor as cursor for the next page. ' +
        'summary.money: per system and currency the ledger total, the provider total and the ' +
        'difference (minor units; null where unknown). summary.counts: records compared = matched + ' +
        'drifted, drift items per kind (a record can have several). summary.patterns: drift grouped ' +
        'by kind, field and cause with counts and an example. summary.window: whether the window was ' +
        'still open when the run read it.',
    },
  },
  'GET /api/v1/reconciliation/runs/{id}/export': {
    permission: 'exports.download',
    params: z.object({ id: z.uuid('unknown reconciliation run') }),
    query: driftItemFilterSchema.pick({ kind: true, state: true }),
    operation: {
      id: 'exportReconciliationRun',
      tag: TAG,
      summary: "A run's drift items as CSV, optionally filtered by kind and state",
      description:
        'One row per item with run, flow, window, transaction id and provider reference, so each row ' +
        'ties back to the ledger and the provider, both amounts and the cause; then a blank line and ' +
        "the run's totals per system and currency (ledger, provider, difference, records). Recorded " +
        'in the audit log (reconciliation.exported) first.',
      produces: 'text/csv',
    },
  },
  'GET /api/v1/reconciliation/daily': {
    permission: 'reconciliation.run',
    query: dailySummaryQuerySchema,
    response: dailyReconciliationSchema,
    operation: {
      id: 'dailyReconciliation',
      tag: TAG,
      summary:
        'Per flow and UTC day: the newest completed run, its totals per system and open drift',
      description:
        'from and to are dates (YYYY-MM-DD, at most 92 days; default the last 14). A day without a ' +
        'completed run is absent from the answer, never reported as zero.',
    },
  },
  'PUT /api/v1/flows/{id}/reconciliation-schedule': {
    permission: 'reconciliation.run',
    params: z.object({ id: z.uuid('unknown flow') }),
    body: flowScheduleSchema,
    response: flowScheduleResponseSchema,
    operation: {
      id: 'setFlowReconciliationSchedule',
      tag: TAG,
      summary: "Turn a flow's scheduled reconciliation on or off and set when it runs",
      description:
        'cron is a five-field UTC pattern (at most hourly); null keeps the default 02:15. Every ' +
        'scheduled run checks the previous UTC day. Answers { scheduled, cron, isDefault, next }; audited.',
    },
  },
  'POST /api/v1/reconciliation/drift-decisions': {
    permission: 'drift.resolve',
    body: driftDecisionSchema,
    response: driftDecisionResultSchema,
    operation: {
      id: 'decideDrift',
      tag: TAG,
      summary:
        'Backfill, replay or accept (with a note) one drift item or every open item of a kind in a run',
      description:
        'selection is { itemId } or { runId, kind, pattern? } (pattern: { field, cause } as the run ' +
        'summary groups them). Replay applies to transactions that are failed, ' +
        'needs review or paused (a completed transaction is final); others are reported as skipped and ' +
        'a replay preview counts only the ones it would move. With preview: true nothing changes and the ' +
        "answer is { kind: 'preview', matches }; otherwise kind names what was done (backfilled, " +
        'replayed, accepted) with its counts. Each decision is written to the audit log and the ' +
        'timelines.',
    },
  },
} satisfies Record<string, Spec>;
