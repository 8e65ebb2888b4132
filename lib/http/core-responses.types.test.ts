// Each documented response of the core operations holds what its presenter or use case returns,
// as JSON puts it on the wire: a presenter that gains, renames or retypes a field fails
// `npx tsc --noEmit -p .` here until its schema in core-responses.ts says the same. (Type-level
// only: the expectations are no-ops at run time. The values themselves are checked by the e2e and
// integration suites through API_RESPONSE_CHECK=1, lib/http/route.ts.)
import { describe, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import type { Wire } from '@/lib/base/wire';
import type { launchReplayBatch } from '@/lib/engine/launch-replay-batch';
import type { previewReplay } from '@/lib/engine/replay-batch';
import type { listReplayBatches } from '@/lib/engine/replay-batches.presenter';
import type { listErrorGroups } from '@/lib/ledger/error-groups.presenter';
import type { getOrderJourney } from '@/lib/ledger/order-journey.presenter';
import type { getTransactionDetail } from '@/lib/ledger/transaction-detail.presenter';
import type { listTransactions } from '@/lib/ledger/transaction-list.presenter';
import type { listTimeline } from '@/lib/ledger/transaction-timeline.presenter';
import type { getOverview } from '@/lib/overview/overview.presenter';
import type { searchLedger } from '@/lib/search/search.presenter';
import type {
  overviewResponse,
  transactionDetailResponse,
  transactionListResponse,
  transactionTimelineResponse,
} from './core-responses';
import type {
  errorGroupsResponse,
  orderJourneyResponse,
  replayBatchListResponse,
  replayBatchStartResponse,
  searchResponse,
} from './order-responses';

type Answer<F extends (...args: never[]) => unknown> = Wire<Awaited<ReturnType<F>>>;

/** Fails to compile naming the undocumented paths, e.g. ".flows[].latency.p99Ms". */
type Documented<Paths extends never> = Paths;
type AnyKey<B> = B extends unknown ? keyof B : never;
type At<B, K> = B extends unknown ? (K extends keyof B ? B[K] : never) : never;
/**
 * The paths of fields the answer `A` has and the schema's output `B` does not name: `never` when
 * every field is documented. toExtend alone lets an answer carry more than its schema, which the
 * check at run time would strip unnoticed while the document says additionalProperties: false.
 * (Stops at what the schema leaves open: z.unknown() payloads and records.)
 */
type Undocumented<A, B, P extends string = ''> = unknown extends B
  ? never
  : A extends readonly (infer U)[]
    ? Undocumented<U, At<B, number>, `${P}[]`>
    : A extends object
      ? string extends keyof A
        ? never
        : {
            [K in keyof A & string]: K extends AnyKey<B>
              ? Undocumented<A[K], Exclude<At<B, K>, null | undefined>, `${P}.${K}`>
              : `${P}.${K}`;
          }[keyof A & string]
      : never;

describe('core response schemas hold what the presenters return', () => {
  it('GET /api/v1/overview: getOverview', () => {
    expectTypeOf<Answer<typeof getOverview>>().toExtend<z.input<typeof overviewResponse>>();
    expectTypeOf<
      Documented<Undocumented<Answer<typeof getOverview>, z.output<typeof overviewResponse>>>
    >().toEqualTypeOf<never>();
  });

  it('GET /api/v1/transactions: listTransactions', () => {
    expectTypeOf<Answer<typeof listTransactions>>().toExtend<
      z.input<typeof transactionListResponse>
    >();
    expectTypeOf<
      Documented<
        Undocumented<Answer<typeof listTransactions>, z.output<typeof transactionListResponse>>
      >
    >().toEqualTypeOf<never>();
  });

  it('GET /api/v1/transactions/{id}: getTransactionDetail', () => {
    expectTypeOf<Answer<typeof getTransactionDetail>>().toExtend<
      z.input<typeof transactionDetailResponse>
    >();
    expectTypeOf<
      Documented<
        Undocumented<
          Answer<typeof getTransactionDetail>,
          z.output<typeof transactionDetailResponse>
        >
      >
    >().toEqualTypeOf<never>();
  });

  it('GET /api/v1/transactions/{id}/timeline: listTimeline', () => {
    expectTypeOf<Answer<typeof listTimeline>>().toExtend<
      z.input<typeof transactionTimelineResponse>
    >();
    expectTypeOf<
      Documented<
        Undocumented<Answer<typeof listTimeline>, z.output<typeof transactionTimelineResponse>>
      >
    >().toEqualTypeOf<never>();
  });

  // POST /api/v1/transactions/{id}/replay, /resolve, /cancel and /notes answer constants built in
  // the route ({ id, status: 'received' | 'completed' | 'cancelled' }, { id, note: 'added' }):
  // nothing to hold them to but the route itself.

  it('GET /api/v1/orders/{businessKey}: getOrderJourney', () => {
    expectTypeOf<Answer<typeof getOrderJourney>>().toExtend<z.input<typeof orderJourneyResponse>>();
    expectTypeOf<
      Documented<
        Undocumented<Answer<typeof getOrderJourney>, z.output<typeof orderJourneyResponse>>
      >
    >().toEqualTypeOf<never>();
  });

  it('GET /api/v1/search: searchLedger', () => {
    expectTypeOf<Answer<typeof searchLedger>>().toExtend<z.input<typeof searchResponse>>();
    expectTypeOf<
      Documented<Undocumented<Answer<typeof searchLedger>, z.output<typeof searchResponse>>>
    >().toEqualTypeOf<never>();
  });

  it('GET /api/v1/error-groups: listErrorGroups', () => {
    expectTypeOf<Answer<typeof listErrorGroups>>().toExtend<z.input<typeof errorGroupsResponse>>();
    expectTypeOf<
      Documented<Undocumented<Answer<typeof listErrorGroups>, z.output<typeof errorGroupsResponse>>>
    >().toEqualTypeOf<never>();
  });

  // POST /api/v1/{flows|connections}/{id}/{intent}: the route builds { id, status, ...result }
  // from setFlowPaused / setConnectionPaused inline (dropping targetConnectionId; `found` is
  // always true there, a missing one answers 404), so pauseOutcomeResponse is checked at run time
  // only.

  it('GET /api/v1/replay-batches: the route answers the batches of listReplayBatches', () => {
    // built in the route: { batches } picked from the presenter's result
    type Batches = Pick<Awaited<ReturnType<typeof listReplayBatches>>, 'batches'>;
    expectTypeOf<Wire<Batches>>().toExtend<z.input<typeof replayBatchListResponse>>();
    expectTypeOf<
      Documented<Undocumented<Wire<Batches>, z.output<typeof replayBatchListResponse>>>
    >().toEqualTypeOf<never>();
  });

  it('POST /api/v1/replay-batches: a started launch, or the preview count', () => {
    // built in the route: the launch result when it started (queue_unavailable answers 503),
    // or { matches } for preview: true
    type Started = Extract<Awaited<ReturnType<typeof launchReplayBatch>>, { kind: 'started' }>;
    expectTypeOf<Wire<Started>>().toExtend<z.input<typeof replayBatchStartResponse>>();
    type Preview = { matches: Awaited<ReturnType<typeof previewReplay>> };
    expectTypeOf<Wire<Preview>>().toExtend<z.input<typeof replayBatchStartResponse>>();
    expectTypeOf<
      Documented<Undocumented<Wire<Started | Preview>, z.output<typeof replayBatchStartResponse>>>
    >().toEqualTypeOf<never>();
  });

  // POST /api/v1/replay-batches/{id}/cancel answers { id, status: 'cancelled' }, built in the route.
});
