// Each documented recovery response holds what its presenter or use case returns, as JSON puts it
// on the wire: a change of their types fails `npx tsc --noEmit -p .` here until
// recovery-responses.ts says the same. (Type-level only; the values are checked through
// API_RESPONSE_CHECK=1, lib/http/route.ts, by test/recovery-api.integration.test.ts.)
import { describe, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import type { Wire } from '@/lib/base/wire';
import type { startDrain } from './drain';
import type { confirmFix, previewDrain } from './fix-and-preview';
import type { reconcileOutageWindow } from './reconcile-and-finish';
import type { latestRecoveryOf, recoveryView } from './recovery.presenter';
import type {
  drainPreviewedResponse,
  drainStartedResponse,
  fixConfirmedResponse,
  latestRecoveryResponse,
  reconcileStartedResponse,
  recoveryStartedResponse,
  recoveryViewResponse,
} from './recovery-responses';
import type { startRecovery } from './start-recovery';

type Answer<F extends (...args: never[]) => unknown> = Wire<Awaited<ReturnType<F>>>;
/** the routes answer 404 when a presenter finds nothing */
type Found<F extends (...args: never[]) => unknown> = Wire<NonNullable<Awaited<ReturnType<F>>>>;

describe('recovery response schemas hold what the presenter and use cases return', () => {
  it('POST /api/v1/connections/{id}/recovery', () => {
    expectTypeOf<Answer<typeof startRecovery>>().toExtend<
      z.input<typeof recoveryStartedResponse>
    >();
  });
  it('GET /api/v1/connections/{id}/recovery', () => {
    expectTypeOf<Found<typeof latestRecoveryOf>>().toExtend<
      z.input<typeof latestRecoveryResponse>
    >();
  });
  it('GET /api/v1/recoveries/{id}', () => {
    expectTypeOf<Found<typeof recoveryView>>().toExtend<z.input<typeof recoveryViewResponse>>();
  });
  it('the steps', () => {
    expectTypeOf<Answer<typeof confirmFix>>().toExtend<z.input<typeof fixConfirmedResponse>>();
    expectTypeOf<Answer<typeof previewDrain>>().toExtend<z.input<typeof drainPreviewedResponse>>();
    expectTypeOf<Answer<typeof startDrain>>().toExtend<z.input<typeof drainStartedResponse>>();
    expectTypeOf<Answer<typeof reconcileOutageWindow>>().toExtend<
      z.input<typeof reconcileStartedResponse>
    >();
  });
});
