// The documented answers of the retention operations (retention-api.ts) hold what the use cases
// return, as JSON puts it on the wire: a field gained, renamed or retyped fails
// `npx tsc --noEmit -p .` here until the schema says the same. (Type-level only.)
import { describe, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import type { Wire } from '@/lib/base/wire';
import type { getPayloadRetention, setPayloadRetention } from './retention-setting';
import type { payloadRetentionChangedResponse, payloadRetentionResponse } from './retention-api';

type Answer<F extends (...args: never[]) => Promise<unknown>> = Wire<Awaited<ReturnType<F>>>;

describe('retention answers fit their documented schemas', () => {
  it('GET /api/v1/settings/retention: getPayloadRetention', () => {
    expectTypeOf<Answer<typeof getPayloadRetention>>().toExtend<
      z.input<typeof payloadRetentionResponse>
    >();
  });

  it('PUT /api/v1/settings/retention: setPayloadRetention', () => {
    expectTypeOf<Answer<typeof setPayloadRetention>>().toExtend<
      z.input<typeof payloadRetentionChangedResponse>
    >();
  });
});
