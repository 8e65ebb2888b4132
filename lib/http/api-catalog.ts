// Every /api/v1 operation: method, path, permission, the zod schemas the route parses with and how
// the OpenAPI document describes it. Route files take their spec from here
// (`defineRoute(api('POST /api/v1/...'), handler)`), so the document cannot drift from the code;
// api-catalog.test.ts fails when a route file and this list disagree.
//
// A new route joins the document by adding its entry here (or to an area's own list merged below,
// like lib/audit/audit-api.ts) and passing that entry to defineRoute in its route file.
import { z } from 'zod';
import { AUDIT_API } from '@/lib/audit/audit-api';
import { replayReasonSchema } from '@/lib/engine/replay';
import { replayFilterSchema } from '@/lib/engine/replay-batch';
import { operatorNoteSchema } from '@/lib/ledger/resolve';
import { transactionFilterSchema } from '@/lib/ledger/transaction-filter';
import { TIMELINE_PAGE_MAX } from '@/lib/ledger/transaction-timeline.presenter';
import { overviewWindowSchema } from '@/lib/overview/window';
import { STATE_COMPARISON_API } from '@/lib/state-comparison/state-comparison-api';
import { RECONCILIATION_API } from '@/lib/reconciliation/reconciliation-api';
import { ALERT_RULES_API } from '@/lib/alerts/alert-rules-api';
import { SLA_RULES_API } from '@/lib/sla/sla-rules-api';
import { FLOWS_API } from '@/lib/flows/flows-api';
import { CONNECTIONS_API } from '@/lib/connections/connections-api';
import { MEMBERS_API } from '@/lib/members/members-api';
import { API_TOKENS_API } from '@/lib/api-tokens/api-tokens-api';
import { MAPPING_VERSIONS_API } from '@/lib/mapping/mapping-versions-api';
import { RETENTION_API } from '@/lib/retention/retention-api';
import { ERASURE_API } from '@/lib/erasure/erasure-api';
import { PAYLOAD_SEARCH_API } from '@/lib/search/payload-search-api';
import { ISSUES_API } from '@/lib/issues/issues-api';
import { REPLAY_PREFLIGHT_API } from '@/lib/engine/replay-preflight-api';
import { RECOVERY_API } from '@/lib/recovery/recovery-api';
import { pauseIntentBody, pauseIntentParams } from './pause-intent';
import {
  overviewResponse,
  transactionCancelledResponse,
  transactionDetailResponse,
  transactionListResponse,
  transactionNoteAddedResponse,
  transactionReplayedResponse,
  transactionResolvedResponse,
  transactionTimelineResponse,
} from './core-responses';
import {
  errorGroupsResponse,
  orderJourneyResponse,
  pauseOutcomeResponse,
  replayBatchCancelledResponse,
  replayBatchListResponse,
  replayBatchStartResponse,
  searchResponse,
} from './order-responses';
import type { ApiOperation, RouteSpec } from '@/lib/base/route-spec';
import { plainText } from '@/lib/base/query-values';

export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

/** A catalog entry: a route spec whose operation is mandatory. */
function endpoint<
  P extends z.ZodType = z.ZodObject,
  Q extends z.ZodType = z.ZodObject,
  B extends z.ZodType = z.ZodUndefined,
>(spec: RouteSpec<P, Q, B> & { operation: ApiOperation }) {
  return spec;
}

const transactionId = z.object({ id: z.uuid('unknown transaction') });
const noteBody = z.object({ note: operatorNoteSchema });
const TX = 'Transactions';

const CORE = {
  'GET /api/v1/overview': endpoint({
    permission: 'transactions.read',
    query: z.object({ window: overviewWindowSchema }),
    response: overviewResponse,
    operation: {
      id: 'getOverview',
      tag: 'Overview',
      summary: 'Throughput, failures and connection health over a time window',
    },
  }),
  'GET /api/v1/transactions': endpoint({
    permission: 'transactions.read',
    query: transactionFilterSchema,
    response: transactionListResponse,
    operation: {
      id: 'listTransactions',
      tag: TX,
      summary: 'One keyset page of transactions matching a filter',
      description: 'Answers { rows, nextCursor }; pass nextCursor as cursor for the next page.',
    },
  }),
  'GET /api/v1/transactions/export': endpoint({
    permission: 'exports.download',
    query: transactionFilterSchema,
    operation: {
      id: 'exportTransactions',
      tag: TX,
      summary: 'Every transaction matching a filter as CSV (cursor and limit are ignored)',
      produces: 'text/csv',
    },
  }),
  'GET /api/v1/transactions/{id}': endpoint({
    permission: 'transactions.read',
    params: transactionId,
    response: transactionDetailResponse,
    operation: {
      id: 'getTransaction',
      tag: TX,
      summary: 'A transaction: status, error in words, latest timeline, attempts and payloads',
    },
  }),
  'GET /api/v1/transactions/{id}/timeline': endpoint({
    permission: 'transactions.read',
    params: transactionId,
    query: z.object({
      cursor: z.string().max(200).optional(),
      limit: z.coerce.number().int().min(1).max(TIMELINE_PAGE_MAX).default(100),
    }),
    response: transactionTimelineResponse,
    operation: {
      id: 'listTransactionTimeline',
      tag: TX,
      summary: "A transaction's whole timeline, oldest first, in keyset pages",
    },
  }),
  'POST /api/v1/transactions/{id}/replay': endpoint({
    permission: 'transactions.replay',
    params: transactionId,
    body: z.object({ reason: replayReasonSchema.max(500) }),
    response: transactionReplayedResponse,
    operation: {
      id: 'replayTransaction',
      tag: TX,
      status: 202,
      summary: 'Send a failed, needs-review or paused transaction through dispatch again',
      description:
        'Same idempotency key; the reason goes on the timeline. 409 when not replayable.',
    },
  }),
  'POST /api/v1/transactions/{id}/resolve': endpoint({
    permission: 'transactions.resolve',
    params: transactionId,
    body: noteBody,
    response: transactionResolvedResponse,
    operation: {
      id: 'resolveTransaction',
      tag: TX,
      summary: 'Mark a failed or needs-review transaction completed, with a note',
    },
  }),
  'POST /api/v1/transactions/{id}/cancel': endpoint({
    permission: 'transactions.cancel',
    params: transactionId,
    body: noteBody,
    response: transactionCancelledResponse,
    operation: {
      id: 'cancelTransaction',
      tag: TX,
      summary: 'Cancel a transaction that is not final yet, with a note',
    },
  }),
  'POST /api/v1/transactions/{id}/notes': endpoint({
    permission: 'transactions.note',
    params: transactionId,
    body: noteBody,
    response: transactionNoteAddedResponse,
    operation: {
      id: 'addTransactionNote',
      tag: TX,
      status: 201,
      summary: "Add a note to a transaction's timeline (the status stays)",
    },
  }),
  'GET /api/v1/orders/{businessKey}': endpoint({
    permission: 'transactions.read',
    params: z.object({ businessKey: plainText(200).min(1) }),
    response: orderJourneyResponse,
    operation: {
      id: 'getOrderJourney',
      tag: 'Orders',
      summary: 'Every transaction sharing an order number across flows and systems',
    },
  }),
  'GET /api/v1/search': endpoint({
    permission: 'transactions.read',
    query: z.object({ q: plainText(1000).default('') }),
    response: searchResponse,
    operation: {
      id: 'search',
      tag: 'Orders',
      summary: 'Orders a typed query points at (order number, references, ids, email)',
    },
  }),
  'GET /api/v1/error-groups': endpoint({
    permission: 'transactions.read',
    query: z
      .object({
        from: z.iso.datetime({ offset: true }).optional(),
        to: z.iso.datetime({ offset: true }).optional(),
      })
      .refine((q) => !q.from || !q.to || Date.parse(q.from) < Date.parse(q.to), {
        message: 'from must be before to',
        path: ['to'],
      }),
    response: errorGroupsResponse,
    operation: {
      id: 'listErrorGroups',
      tag: 'Errors',
      summary: 'Open failures grouped by flow and error class, with counts and the newest error',
    },
  }),
  'POST /api/v1/flows/{id}/{intent}': endpoint({
    permission: 'flows.pause',
    params: pauseIntentParams,
    body: pauseIntentBody,
    response: pauseOutcomeResponse,
    operation: {
      id: 'pauseOrResumeFlow',
      tag: 'Flows',
      summary: 'Pause or resume a flow (intent: pause | resume)',
      description:
        'Body { reason }: required to pause (shown on the work the pause holds, audited).',
    },
  }),
  'POST /api/v1/connections/{id}/{intent}': endpoint({
    permission: 'connections.pause',
    params: pauseIntentParams,
    body: pauseIntentBody,
    response: pauseOutcomeResponse,
    operation: {
      id: 'pauseOrResumeConnection',
      tag: 'Connections',
      summary: 'Pause or resume a connection (intent: pause | resume)',
      description:
        'Body { reason }: required to pause (shown on the work the pause holds, audited).',
    },
  }),
  'GET /api/v1/replay-batches': endpoint({
    permission: 'transactions.replay',
    response: replayBatchListResponse,
    operation: { id: 'listReplayBatches', tag: 'Replays', summary: 'Recent replay batches' },
  }),
  'POST /api/v1/replay-batches': endpoint({
    permission: 'transactions.replay',
    body: z.object({
      filter: replayFilterSchema,
      reason: replayReasonSchema.max(500),
      /** true: only count what the filter matches now, start nothing */
      preview: z.boolean().default(false),
      /** a pre-flight of this filter: what it found at the target is linked, not replayed */
      preflightId: z.uuid('unknown pre-flight').optional(),
    }),
    response: replayBatchStartResponse,
    operation: {
      id: 'startReplayBatch',
      tag: 'Replays',
      status: 202,
      alsoStatus: { status: 200, description: 'preview: true — how many would be replayed' },
      summary: 'Replay every transaction a filter matches (preview: true only counts them)',
    },
  }),
  'POST /api/v1/replay-batches/{id}/cancel': endpoint({
    permission: 'transactions.replay',
    params: z.object({ id: z.uuid('unknown batch') }),
    response: replayBatchCancelledResponse,
    operation: {
      id: 'cancelReplayBatch',
      tag: 'Replays',
      summary: 'Stop a running replay batch (what was replayed stays replayed)',
    },
  }),
};

const CATALOG = {
  ...CORE,
  ...AUDIT_API,
  ...STATE_COMPARISON_API,
  ...RECONCILIATION_API,
  ...SLA_RULES_API,
  ...ALERT_RULES_API,
  ...FLOWS_API,
  ...CONNECTIONS_API,
  ...MEMBERS_API,
  ...API_TOKENS_API,
  ...MAPPING_VERSIONS_API,
  ...RETENTION_API,
  ...ERASURE_API,
  ...PAYLOAD_SEARCH_API,
  ...ISSUES_API,
  ...REPLAY_PREFLIGHT_API,
  ...RECOVERY_API,
};

export type ApiRouteKey = keyof typeof CATALOG;

/** The spec of one catalog entry, with its schema types intact for defineRoute. */
export function api<K extends ApiRouteKey>(key: K): (typeof CATALOG)[K] {
  return CATALOG[key];
}

export interface CatalogEntry {
  method: HttpMethod;
  /** OpenAPI path syntax: /api/v1/transactions/{id} */
  path: string;
  spec: RouteSpec & { operation: ApiOperation };
}

export function catalogEntries(): CatalogEntry[] {
  return Object.entries(CATALOG).map(([key, spec]) => {
    const [method, path] = key.split(' ') as [HttpMethod, string];
    return { method, path, spec };
  });
}
