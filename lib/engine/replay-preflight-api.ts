// The replay pre-flight's /api/v1 operations as route specs, merged into lib/http/api-catalog.ts:
// the Replays screen's "check at the target first" through the same use cases. Pure data.
import { z } from 'zod';
import type { ApiOperation, RouteSpec } from '@/lib/base/route-spec';
import { replayFilterSchema } from './replay-batch';

const TAG = 'Replays';
type Spec = RouteSpec & { operation: ApiOperation };

const count = z.int().nonnegative();
const preflightId = z.object({ id: z.uuid('unknown pre-flight') });

export const preflightStartedResponse = z.object({
  preflightId: z.guid(),
  selected: count.describe('what the filter matched when it started'),
});

export const preflightResponse = z.object({
  id: z.guid(),
  status: z.enum(['running', 'completed', 'cancelled', 'failed']),
  requestedBy: z.string(),
  createdAt: z.iso.datetime(),
  finishedAt: z.iso.datetime().nullable(),
  lookupCap: count.describe('at most this many transactions are looked up'),
  error: z.string().nullable(),
  summary: z.object({
    selected: count,
    alreadyAtTarget: count.describe(
      'found at the target: a replay with this pre-flight links them',
    ),
    toSend: count.describe('everything not found: replayed as usual'),
    found: count,
    absent: count.describe('looked up and not there, or never sent'),
    notCheckable: count.describe('the target cannot look this kind of record up'),
    failedToCheck: count.describe('the look-up failed; the replay looks again before sending'),
    notChecked: count.describe('beyond the look-up cap'),
    handled: count,
    percent: z.int().min(0).max(100),
    headline: z.string().describe('"47 selected: 7 already at the ERP (…), 40 to send"'),
    caveats: z.array(z.string()),
  }),
  found: z
    .array(
      z.object({ transactionId: z.guid(), connectionKey: z.string(), externalRef: z.string() }),
    )
    .describe('the first 200 transactions found at the target, with the reference there'),
});

export const preflightCancelledResponse = z.object({
  id: z.guid(),
  status: z.literal('cancelled'),
});

export const REPLAY_PREFLIGHT_API = {
  'POST /api/v1/replay-preflights': {
    permission: 'transactions.replay',
    body: z.object({ filter: replayFilterSchema }),
    response: preflightStartedResponse,
    operation: {
      id: 'startReplayPreflight',
      tag: TAG,
      status: 202,
      summary:
        'Ask the targets which of the transactions a replay filter selects they already hold',
      description:
        'Runs in the worker, bounded and at each connection’s rate limit; poll GET …/{id}. Pass ' +
        'its id as preflightId when starting the replay batch: what it found is linked (the ' +
        'reference recorded, the transaction completed), not sent again. Audited.',
    },
  },
  'GET /api/v1/replay-preflights/{id}': {
    permission: 'transactions.replay',
    params: preflightId,
    response: preflightResponse,
    operation: {
      id: 'getReplayPreflight',
      tag: TAG,
      summary: 'A replay pre-flight: progress, counts and the references found',
    },
  },
  'POST /api/v1/replay-preflights/{id}/cancel': {
    permission: 'transactions.replay',
    params: preflightId,
    response: preflightCancelledResponse,
    operation: {
      id: 'cancelReplayPreflight',
      tag: TAG,
      summary: 'Stop a running pre-flight (what it found so far stays usable)',
    },
  },
} satisfies Record<string, Spec>;
