// The documented answer of POST /api/v1/erasures holds what eraseCustomer returns, as JSON puts it
// on the wire (type-level; the values are checked through API_RESPONSE_CHECK=1, lib/http/route.ts).
import { describe, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import type { Wire } from '@/lib/base/wire';
import type { eraseCustomer } from './erase-customer';
import type { erasureResponse } from './erasure-api';

describe('erasure response schema', () => {
  it('POST /api/v1/erasures: eraseCustomer', () => {
    type Answer = Wire<Awaited<ReturnType<typeof eraseCustomer>>>;
    expectTypeOf<Answer>().toExtend<z.input<typeof erasureResponse>>();
    expectTypeOf<z.output<typeof erasureResponse>>().toExtend<Answer>();
  });
});
