// The success bodies of the core /api/v1 operations on the overview and transactions
// (lib/http/api-catalog.ts, CORE; orders, search, errors, pauses and replays: order-responses.ts), as they go
// over the wire: what the presenters and use cases return, after JSON (times are ISO strings, ids
// of timeline entries are decimal text). The catalog puts them in the OpenAPI document, and with
// API_RESPONSE_CHECK=1 (the test stacks) lib/http/route.ts parses every answer with them.
// core-responses.types.test.ts holds each one to the type its presenter returns.
import { z } from 'zod';
import { CircuitState, ConnectionStatus, FlowStatus } from '@/lib/db';
import { DETAIL_TIMELINE_LIMIT } from '@/lib/ledger/transaction-detail.presenter';
import { MAX_LIMIT } from '@/lib/ledger/transaction-filter';
import { TIMELINE_PAGE_MAX } from '@/lib/ledger/transaction-timeline.presenter';
import { OVERVIEW_WINDOWS } from '@/lib/overview/window';
import {
  instant,
  id,
  count,
  status,
  errorClass,
  recorded,
  headers,
  errorHelp,
  failureCause,
  heldBy,
  pause,
  backlog,
  timelineItem,
} from './response-blocks';

// ---- GET /api/v1/overview ----

const counts = {
  received: count,
  completed: count,
  failed: count,
  cancelled: count,
  inProgress: count.describe('arrived in the window and not settled yet'),
};
const successRate = z
  .number()
  .min(0)
  .max(100)
  .nullable()
  .describe('completed of settled (completed + failed), percent with one decimal; null when none');

const connectionHealth = z.object({
  id,
  key: z.string(),
  name: z.string(),
  provider: z.string(),
  status: z.enum(ConnectionStatus),
  verdict: z
    .enum(['paused', 'circuit_open', 'probing', 'failing', 'healthy', 'idle'])
    .describe('one word for the connection, most urgent first'),
  pause,
  circuit: z.object({ state: z.enum(CircuitState), since: instant.nullable() }),
  lastSuccessAt: instant.nullable(),
  lastFailureAt: instant.nullable(),
  lastError: z.string().nullable(),
  rateLimitPerSecond: z.int().nullable(),
  maxConcurrency: z.int().nullable(),
  backlog,
});

export const overviewResponse = z.object({
  asOf: instant,
  window: z.object({
    name: z.enum(OVERVIEW_WINDOWS),
    label: z.string(),
    from: instant.describe('start of the first bucket (inclusive)'),
    to: instant.describe('the moment the overview was built for (inclusive)'),
    stepSeconds: z.int().positive().describe('bucket width'),
  }),
  totals: z.object({
    ...counts,
    successRate,
    backlog: count.describe("every connection's outbox rows"),
    retrying: count.describe('transactions waiting for a retry'),
    oldestPendingAgeSeconds: count.nullable().describe('age of the oldest unsettled transaction'),
  }),
  outcomes: z
    .array(z.object({ at: instant.describe('bucket start'), ...counts }))
    .describe('arrivals and their outcome per bucket, oldest first, every bucket present'),
  throughput: z
    .array(
      z.object({
        at: instant.describe('bucket start'),
        byFlow: z.record(z.string(), count).describe('arrivals per flow id'),
      }),
    )
    .describe('arrivals per bucket and flow'),
  failures: z.object({
    classes: z
      .array(
        z.object({
          // always an ErrorClass value, but series.ts types it as a string
          name: z.string().describe('an error class, e.g. provider_outage'),
          total: count,
        }),
      )
      .describe('error classes of failing arrivals, largest total first'),
    points: z.array(
      z.object({
        at: instant.describe('bucket start'),
        byClass: z.record(z.string(), count).describe('failing arrivals per error class'),
      }),
    ),
  }),
  flows: z.array(
    z.object({
      id,
      name: z.string(),
      status: z.enum(FlowStatus),
      source: z.string().describe('source connection name'),
      target: z.string().describe('target connection name'),
      operation: z.string(),
      heldByPausedTarget: z
        .boolean()
        .describe('active, but its target connection is paused: it sends nothing'),
      counts: z.object(counts),
      successRate,
      retrying: count,
      backlog: z.object({
        total: count,
        due: count,
        oldestPendingAgeSeconds: count.nullable(),
      }),
      latency: z
        .object({ p50Ms: z.int().nullable(), p95Ms: z.int().nullable(), samples: count })
        .describe('completed in the window: approximate percentiles'),
    }),
  ),
  connections: z.array(connectionHealth),
  paused: z
    .array(
      z.object({
        kind: z.enum(['connection', 'flow']),
        id,
        name: z.string(),
        waiting: count,
        pause,
      }),
    )
    .describe('paused connections first, then paused flows, with the work they hold'),
  businessChecks: z
    .array(
      z.object({
        id,
        name: z.string(),
        withinMinutes: z.int(),
        startFlow: z.string().nullable().describe('the step that starts the clock; null: arrival'),
        expectFlow: z.string().describe('the step that must follow in time'),
        late: count.describe('business keys late right now'),
        oldest: z.array(
          z.object({
            businessKey: z.string(),
            transactionId: id,
            startedAt: instant,
            dueAt: instant,
          }),
        ),
        trend: z.array(z.object({ start: instant, breaches: count })),
      }),
    )
    .describe(
      'every enabled SLA rule as a business check: late now, oldest late, breaches per bucket',
    ),
  quiet: z.boolean().describe('nothing arrived in the window, nothing waits and nothing is late'),
});

// ---- GET /api/v1/transactions ----

export const transactionListResponse = z.object({
  rows: z
    .array(
      z.object({
        id,
        businessKey: z.string(),
        flowId: id,
        flow: z.string().describe('flow name'),
        target: z.string().describe('target connection name'),
        status: status.describe('the stored status (see heldBy)'),
        heldBy,
        errorClass: errorClass.nullable(),
        attempts: count,
        externalRef: z.string().nullable().describe("the target system's reference"),
        customerEmail: z.string().nullable(),
        createdAt: instant,
        updatedAt: instant,
      }),
    )
    .max(MAX_LIMIT),
  nextCursor: z.string().nullable().describe('pass as cursor for the next page; null on the last'),
});

// ---- GET /api/v1/transactions/{id} ----

const attemptRow = z.object({
  key: z.string().describe('id of the command fact'),
  attempt: z.number().nullable().describe("the dispatcher's counter within the round"),
  round: z.int().positive().describe('1 before any replay, 2 after the first replay, ...'),
  sentAt: instant,
  durationMs: z.number().nullable(),
  answerStatus: z.number().nullable().describe('HTTP status of the answer'),
  outcome: z.enum(['accepted', 'already_present', 'failed', 'answered', 'no_answer']),
  errorClass: z.string().nullable().describe('as the answer recorded it'),
  request: z.object({
    method: z.string().nullable(),
    url: z.string().nullable(),
    headers: headers.nullable(),
    body: recorded('the body as sent'),
  }),
  response: z
    .object({ headers: headers.nullable(), body: recorded('the answer') })
    .nullable()
    .describe('null until an answer is recorded'),
});

export const transactionDetailResponse = z.object({
  id,
  businessKey: z.string(),
  sourceObjectId: z.string(),
  idempotencyKey: z.string(),
  status,
  errorClass: errorClass.nullable(),
  errorHelp: errorHelp.nullable(),
  lastError: z.string().nullable(),
  cause: failureCause,
  heldBy,
  attempts: count,
  nextAttemptAt: instant.nullable(),
  externalRefs: headers.describe('system -> reference'),
  customerEmail: z.string().nullable(),
  createdAt: instant,
  updatedAt: instant,
  completedAt: instant.nullable(),
  flow: z.object({
    name: z.string(),
    operation: z.string(),
    source: z.string(),
    target: z.string(),
  }),
  mappingVersion: z.int().nullable(),
  maskingRulesApply: z
    .boolean()
    .describe("the connections' masking rules mask payloads for every role"),
  revealed: z.boolean(),
  inbound: z.object({
    id,
    topic: z.string().nullable(),
    providerEventId: z.string().nullable(),
    receivedAt: instant,
    headers: recorded('the headers as received, signature values redacted'),
    payload: recorded('the body as received'),
  }),
  timeline: z
    .array(timelineItem)
    .max(DETAIL_TIMELINE_LIMIT)
    .describe('the latest entries, oldest first'),
  timelineTruncated: z.boolean().describe('older entries exist than the ones in timeline'),
  attemptRows: z.array(attemptRow).describe('each command sent, with its answer'),
  payloads: z.object({
    inbound: z.object({ body: recorded('the inbound body'), headers: recorded('its headers') }),
    canonical: recorded('the command the mapping produced; null until one was sent'),
    outbound: z
      .object({
        method: z.string().nullable(),
        url: z.string().nullable(),
        idempotencyKey: z.string().nullable(),
        attempt: z.number().nullable(),
        sentAt: instant,
        body: recorded('the canonical command'),
        headers: headers.nullable(),
        sentBody: recorded('the body as it went out'),
      })
      .nullable()
      .describe('the latest command sent'),
    response: z
      .object({
        type: z.string().describe('the answer fact, e.g. "provider.accepted"'),
        status: z.number().nullable(),
        durationMs: z.number().nullable(),
        receivedAt: instant,
        body: recorded('the answer'),
        headers: headers.nullable(),
      })
      .nullable()
      .describe("the provider's latest answer"),
  }),
});

// ---- GET /api/v1/transactions/{id}/timeline ----

export const transactionTimelineResponse = z.object({
  items: z.array(timelineItem).max(TIMELINE_PAGE_MAX).describe('oldest first'),
  nextCursor: z.string().nullable().describe('pass as cursor for the next page; null on the last'),
});

// ---- transaction actions (answers built in the route) ----

export const transactionReplayedResponse = z.object({
  id,
  status: z.literal('received').describe('the transaction goes through dispatch again'),
});
export const transactionResolvedResponse = z.object({ id, status: z.literal('completed') });
export const transactionCancelledResponse = z.object({ id, status: z.literal('cancelled') });
export const transactionNoteAddedResponse = z.object({ id, note: z.literal('added') });
