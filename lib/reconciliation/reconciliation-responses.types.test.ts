// Each documented reconciliation response holds what its presenter or use case returns, as JSON
// puts it on the wire: a presenter that gains, renames or retypes a field fails
// `npx tsc --noEmit -p .` here until reconciliation-responses.ts says the same. (Type-level only;
// the values themselves are checked by the e2e and integration suites through
// API_RESPONSE_CHECK=1, lib/http/route.ts.)
//
// Where the code's type is wider than what it stores, the test states the narrower type it knows
// and why (`Known` below): those fields are held to the schema at run time only.
import { describe, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import type { Wire } from '@/lib/base/wire';
import type { applyFlowSchedule } from './apply-flow-schedule';
import type { dailyReconciliation } from './daily-summary.presenter';
import type { decideDrift } from './decide-drift';
import type { DriftCause } from './drift-cause';
import type { replayDrift } from './replay-drift';
import type { getReconciliationRun, listReconciliationRuns } from './runs.presenter';
import type { RunTrigger } from './start-run';
import type { RunTotals } from './totals';
import type { DriftKind } from '@/lib/db';
import type {
  dailyReconciliationSchema,
  driftDecisionResultSchema,
  flowScheduleResponseSchema,
  reconciliationRunDetailSchema,
  reconciliationRunListSchema,
  runTotalsSchema,
} from './reconciliation-responses';

type Answer<F extends (...args: never[]) => unknown> = Wire<Awaited<ReturnType<F>>>;

/** T with the fields of K replaced by their narrower known types. */
type Known<T, K> = Omit<T, keyof K> & K;
/**
 * A run row's text and JSON columns as written: `trigger` only ever as a RunTrigger
 * (start-run.ts), `totals` only as RunTotals (totals.ts).
 */
type KnownRun = { trigger: RunTrigger; totals: RunTotals };
/** drift_items.cause is written from compare.ts's DriftCause only (null on older items). */
type KnownItem = { cause: DriftCause | null };
/** Patterns come from raw SQL: kind is the DriftKind enum read as text, cause as above. */
type KnownPattern = { kind: DriftKind; cause: DriftCause | null };

describe('reconciliation response schemas hold what the presenters return', () => {
  it('GET /api/v1/reconciliation/runs: listReconciliationRuns', () => {
    type Runs = Awaited<ReturnType<typeof listReconciliationRuns>>['runs'];
    type List = { runs: Known<Runs[number], KnownRun>[] };
    expectTypeOf<Wire<List>>().toExtend<z.input<typeof reconciliationRunListSchema>>();
  });

  // POST /api/v1/reconciliation/runs answers { runId } built in the route from
  // launchReconciliationRun's started result (queue_unavailable answers 503): startedRunSchema
  // is checked at run time only.

  it('GET /api/v1/reconciliation/runs/{id}: getReconciliationRun', () => {
    type Detail = Awaited<ReturnType<typeof getReconciliationRun>>;
    type Summary = Detail['summary'];
    type Narrowed = Known<
      Detail,
      {
        run: Known<Detail['run'], KnownRun>;
        summary: Known<Summary, { patterns: Known<Summary['patterns'][number], KnownPattern>[] }>;
        items: Known<Detail['items'][number], KnownItem>[];
      }
    >;
    expectTypeOf<Wire<Narrowed>>().toExtend<z.input<typeof reconciliationRunDetailSchema>>();
  });

  it('GET /api/v1/reconciliation/daily: dailyReconciliation', () => {
    expectTypeOf<Answer<typeof dailyReconciliation>>().toExtend<
      z.input<typeof dailyReconciliationSchema>
    >();
  });

  it('PUT /api/v1/flows/{id}/reconciliation-schedule: applyFlowSchedule', () => {
    expectTypeOf<Answer<typeof applyFlowSchedule>>().toExtend<
      z.input<typeof flowScheduleResponseSchema>
    >();
  });

  it('POST /api/v1/reconciliation/drift-decisions: decideDrift without connectionIds', () => {
    // built in the route: decideDrift's result with connectionIds (the connections it woke) left
    // out. DecisionResult types a skipped item's status as string; replayDrift, which makes it,
    // as a TransactionStatus.
    type Result = Awaited<ReturnType<typeof decideDrift>>;
    type Answered<R> = R extends unknown ? Omit<R, 'connectionIds'> : never;
    type Skipped = Awaited<ReturnType<typeof replayDrift>>['skipped'];
    type Known =
      | Answered<Exclude<Result, { kind: 'replayed' }>>
      | (Answered<Extract<Result, { kind: 'replayed' }>> & { skipped: Skipped });
    expectTypeOf<Wire<Known>>().toExtend<z.input<typeof driftDecisionResultSchema>>();
  });

  it('the narrowed types above are what the schemas say', () => {
    expectTypeOf<Wire<RunTotals>>().toExtend<z.input<typeof runTotalsSchema>>();
    type Run = z.output<typeof reconciliationRunListSchema>['runs'][number];
    expectTypeOf<Run['trigger']>().toEqualTypeOf<RunTrigger>();
    type Item = z.output<typeof reconciliationRunDetailSchema>['items'][number];
    expectTypeOf<Item['cause']>().toEqualTypeOf<DriftCause | null>();
  });
});
