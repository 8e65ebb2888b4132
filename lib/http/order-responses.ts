// The success bodies of the core /api/v1 operations on orders, search, error groups, pauses and
// replay batches (lib/http/api-catalog.ts, CORE), as they go over the wire; see core-responses.ts.
import { z } from 'zod';
import { TimelineKind } from '@/lib/db';
import { MAX_JOURNEY_STEPS } from '@/lib/ledger/order-journey.presenter';
import { MATCH_KINDS } from '@/lib/search/classify-query';
import { MAX_ORDERS } from '@/lib/search/search.presenter';
import {
  instant,
  id,
  count,
  status,
  errorClass,
  headers,
  errorHelp,
  failureCause,
  heldBy,
} from './response-blocks';

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
    .object({
      kind: z.literal('started'),
      batchId: id,
      total: count,
      linked: count.describe(
        'found at the target by the pre-flight given (preflightId): linked, not replayed',
      ),
    })
    .describe('202: the batch started (total 0: it matched nothing and is completed)'),
  z.object({ matches: count }).describe('preview: true answers 200 with the count only'),
]);

export const replayBatchCancelledResponse = z.object({ id, status: z.literal('cancelled') });
