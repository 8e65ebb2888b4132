// The documented state comparison holds what its presenter returns, as JSON puts it on the wire:
// a presenter that gains, renames or retypes a field fails `npx tsc --noEmit -p .` here until
// state-comparison-responses.ts says the same. (Type-level only; the values themselves are
// checked by the e2e and integration suites through API_RESPONSE_CHECK=1, lib/http/route.ts.)
import { describe, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import type { Wire } from '@/lib/base/wire';
import type { getStateComparison } from './state-comparison.presenter';
import type { stateComparisonSchema } from './state-comparison-responses';

describe('the state comparison response schema holds what the presenter returns', () => {
  it('GET /api/v1/transactions/{id}/state-comparison: getStateComparison', () => {
    expectTypeOf<Wire<Awaited<ReturnType<typeof getStateComparison>>>>().toExtend<
      z.input<typeof stateComparisonSchema>
    >();
  });
});
