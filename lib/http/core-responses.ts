// The success bodies of the core /api/v1 operations (lib/http/api-catalog.ts, CORE), as they go
// over the wire: what the presenters and use cases return, after JSON (times are ISO strings, ids
// of timeline entries are decimal text). The catalog puts them in the OpenAPI document, and with
// API_RESPONSE_CHECK=1 (the test stacks) lib/http/route.ts parses every answer with them.
// core-responses.types.test.ts holds each one to the type its presenter returns.
import { z } from 'zod';
import {
  CircuitState,
  ConnectionStatus,
  ErrorClass,
  FlowStatus,
  TimelineKind,
  TransactionStatus,
} from '@/lib/db';
import { DETAIL_TIMELINE_LIMIT } from '@/lib/ledger/transaction-detail.presenter';
import { MAX_LIMIT } from '@/lib/ledger/transaction-filter';
import { TIMELINE_PAGE_MAX } from '@/lib/ledger/transaction-timeline.presenter';
import { MAX_JOURNEY_STEPS } from '@/lib/ledger/order-journey.presenter';
import { OVERVIEW_WINDOWS } from '@/lib/overview/window';
import { MATCH_KINDS } from '@/lib/search/classify-query';
import { MAX_ORDERS } from '@/lib/search/search.presenter';

// ---- building blocks ----

/** An instant as Date.toISOString() writes it: UTC, milliseconds, "Z". */
const instant = z.iso.datetime();
/** A row id (PostgreSQL uuid, lower-case). */
const id = z.guid();
const count = z.int().nonnegative();
const status = z.enum(TransactionStatus);
const errorClass = z.enum(ErrorClass);
/** A JSON value as recorded (any shape, masked like everything a person reads). */
const recorded = (what: string) => z.unknown().describe(`${what} (any JSON value)`);
const headers = z.record(z.string(), z.string());

const errorHelp = z
  .object({
    label: z.string().describe('a short name for badges and filters'),
    meaning: z.string().describe('one sentence: what went wrong'),
    action: z.string().describe('one sentence: what a person does next'),
  })
  .describe('the error class in words');

const dependency = z
  .object({
    step: z.string().describe("the depended-on flow's name"),
    target: z.string().describe("that flow's target system"),
    transactionId: id.nullable(),
    status: status.nullable().describe('null: no transaction of that step exists for this order'),
    errorClass: errorClass.nullable(),
    said: z.string().nullable().describe("what that step's target last said"),
  })
  .describe('the step this waits for (same business key, the flow it depends on)');

const failureCause = z
  .object({
    errorClass: errorClass.describe('the class that dominates the failed attempts'),
    label: z.string(),
    meaning: z.string(),
    action: z.string().describe('what a person does next, from the cause'),
    said: z.string().nullable().describe('what the target said for this cause, newest'),
    httpStatus: z.int().nullable().describe('HTTP status of that answer, when there was one'),
    attempts: count.describe('failed attempts of this class'),
    totalAttempts: count.describe('all failed attempts counted'),
    waits: count.describe('dependency waits that spent no attempt'),
    dependency: dependency.nullable(),
    last: z
      .object({
        errorClass: errorClass.nullable(),
        label: z.string(),
        message: z.string().nullable(),
      })
      .nullable()
      .describe("the last attempt's error, when its class differs from the cause"),
  })
  .nullable()
  .describe('the cause that explains the failure; null when there is nothing to explain');

const heldBy = z
  .object({
    kind: z.enum(['connection', 'flow']),
    name: z.string().describe("the connection's or the flow's name"),
    pausedAt: instant.nullable(),
    pausedBy: z.string().nullable(),
    reason: z.string().nullable(),
  })
  .nullable()
  .describe(
    'the pause holding this transaction back (its stored status stays received or ' +
      'waiting_retry; shown as paused); null when nothing holds it',
  );

const pause = z
  .object({ at: instant.nullable(), by: z.string().nullable(), reason: z.string().nullable() })
  .nullable()
  .describe('who paused, when and why; null while it runs');

const backlog = z
  .object({
    total: count.describe('outbox rows: due, scheduled for a retry or held by a worker'),
    due: count.describe('rows whose time has come'),
    oldestDueAgeSeconds: count.nullable(),
  })
  .describe('the work waiting in the outbox');

/** "… (2024-05-01T10:00:00.000Z)": the times a summary embeds (lib/ledger/timeline-groups.ts). */
const EMBEDDED_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/;

const timelineItem = z.object({
  id: z
    .string()
    .regex(/^\d+$/)
    .describe('the entry id (a number, as text); entries are ordered by occurredAt, then id'),
  kind: z.enum(TimelineKind),
  type: z.string().describe('short machine name, e.g. "command.sent", "status.changed"'),
  summary: z.string(),
  summaryParts: z
    .array(
      z.union([
        z.object({ text: z.string() }),
        z.object({ time: z.string().regex(EMBEDDED_TIME) }),
      ]),
    )
    .describe('the summary with its embedded ISO times apart'),
  actor: z
    .string()
    .describe('what wrote the fact: "system", "worker", a user id, "api:<token id>", "cli:<user>"'),
  actorLabel: z.string().describe('the actor in words (a name, "API token “…”")'),
  note: z.string().nullable().describe("a person's note or reason, on human actions"),
  fromStatus: status.nullable(),
  toStatus: status.nullable(),
  data: recorded("the fact's data"),
  occurredAt: instant,
});

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
  businessCheck: z
    .object({
      title: z.string(),
      operation: z.string().describe('the target operation watched'),
      thresholdMinutes: z.int(),
      sampleSize: z.int(),
      applicable: z.boolean().describe('false when no flow performs the operation'),
      total: count,
      oldest: z.array(
        z.object({
          id,
          businessKey: z.string(),
          flow: z.string(),
          status,
          errorClass: errorClass.nullable(),
          ageSeconds: count,
        }),
      ),
    })
    .describe('paid orders not in the warehouse after the threshold'),
  quiet: z.boolean().describe('nothing arrived in the window and nothing waits'),
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

// ---- GET /api/v1/orders/{businessKey} ----

export const orderJourneyResponse = z.object({
  businessKey: z.string(),
  customerEmail: z.string().nullable(),
  summary: z
    .object({
      text: z.string(),
      segments: z.array(
        z.object({
          label: z.string(),
          mark: z.string(),
          tone: z.enum(['event', 'ok', 'problem', 'pending', 'paused', 'cancelled']),
        }),
      ),
    })
    .describe('the journey in one line: "paid ✓ → Warehouse ✓ → ERP failed (auth) ✗"'),
  steps: z
    .array(
      z.object({
        id,
        flow: z.object({
          key: z.string(),
          name: z.string(),
          eventType: z.string(),
          operation: z.string(),
        }),
        source: z.string(),
        target: z.string(),
        status: status.describe('the stored status (see heldBy)'),
        errorClass: errorClass.nullable(),
        errorHelp: errorHelp.nullable(),
        lastError: z.string().nullable(),
        cause: failureCause,
        heldBy,
        attempts: count,
        externalRefs: headers.describe('system -> reference'),
        createdAt: instant,
        updatedAt: instant,
        completedAt: instant.nullable(),
        nextAttemptAt: instant.nullable(),
        lastStep: z
          .object({
            kind: z.enum(TimelineKind).nullable(),
            type: z.string(),
            summary: z.string(),
            occurredAt: instant,
          })
          .nullable()
          .describe('the newest timeline entry'),
      }),
    )
    .max(MAX_JOURNEY_STEPS)
    .describe('oldest first'),
  truncated: z.boolean().describe(`more than ${MAX_JOURNEY_STEPS} transactions share the key`),
  asOf: instant,
});

// ---- GET /api/v1/search ----

export const searchResponse = z.object({
  query: z.string().describe('the query as searched (trimmed, capped)'),
  kind: z.enum(['empty', 'transaction_id', 'customer_email', 'business_key', 'external_id']),
  emailSearchRefused: z
    .boolean()
    .describe('an email search by a role that may not read personal data: nothing was searched'),
  hits: z
    .array(
      z.object({
        businessKey: z.string(),
        matchedBy: z.enum(MATCH_KINDS),
        matchedByLabel: z.string(),
        transactionCount: count,
        statusCounts: z.partialRecord(status, count),
        statusSummary: z.string().describe('"1 failed · 2 completed"'),
        headlineStatus: status.nullable().describe('the status that most needs a person'),
        needsAttention: z.boolean(),
        lastActivityAt: instant,
        customerEmail: z.string().nullable(),
      }),
    )
    .max(MAX_ORDERS),
});

// ---- GET /api/v1/error-groups ----

export const errorGroupsResponse = z.object({
  asOf: instant,
  groups: z.array(
    z.object({
      key: z.string().describe('"<flowId>:<errorClass or unclassified>"'),
      flowId: id,
      flowName: z.string(),
      targetName: z.string(),
      errorClass: errorClass.nullable(),
      failed: count,
      needsReview: count,
      total: count,
      firstSeen: instant.describe('the oldest updated_at in the group'),
      lastSeen: instant.describe('the newest updated_at in the group'),
      sample: z.string().nullable().describe('the newest error message'),
      sampleTransactionId: id.nullable(),
      cause: failureCause,
      causeSampled: count.describe('how many of the newest transactions the cause was judged on'),
    }),
  ),
  total: count,
});

// ---- POST /api/v1/{flows|connections}/{id}/{intent} ----

export const pauseOutcomeResponse = z.object({
  id,
  status: z.enum(['paused', 'active']),
  found: z.literal(true),
  inFlightAtPause: count.describe('commands on their way when the pause took effect (0 on resume)'),
  settled: z
    .boolean()
    .describe('false when commands were still on their way at the timeout (a hung provider call)'),
});

// ---- /api/v1/replay-batches ----

export const replayBatchListResponse = z.object({
  batches: z
    .array(
      z.object({
        id,
        // ReplayBatchStatus (prisma/schema.prisma)
        status: z.enum(['running', 'completed', 'cancelled']),
        total: count,
        replayed: count,
        skipped: count.describe('matched but no longer replayable when their turn came'),
        handled: count.describe('replayed + skipped'),
        percent: z.int().min(0).max(100),
        requestedBy: z.string(),
        reason: z.string(),
        filter: z
          .object({ text: z.string(), parts: z.array(z.string()) })
          .describe('the filter in words'),
        createdAt: instant,
        finishedAt: instant.nullable(),
      }),
    )
    .describe('newest first'),
});

export const replayBatchStartResponse = z.union([
  z
    .object({ kind: z.literal('started'), batchId: id, total: count })
    .describe('202: the batch started (total 0: it matched nothing and is completed)'),
  z.object({ matches: count }).describe('preview: true answers 200 with the count only'),
]);

export const replayBatchCancelledResponse = z.object({ id, status: z.literal('cancelled') });
