// The documented answers of the mapping version operations (mapping-versions-api.ts) hold what the
// use cases and the presenter return, as JSON puts it on the wire: a field gained, renamed or
// retyped fails `npx tsc --noEmit -p .` here until the schema says the same. (Type-level only: the
// run checks nothing. The values are checked by the e2e suite through API_RESPONSE_CHECK=1.)
import { describe, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import type { Wire } from '@/lib/base/wire';
import type { activateMappingVersion } from './activate-mapping-version';
import type { createMappingVersion } from './create-mapping-version';
import type { getFlowMappings } from './flow-mappings.presenter';
import type {
  createdVersionResponse,
  flowMappingsResponse,
  switchedVersionResponse,
  testRunResponse,
} from './mapping-versions-api';
import type { rollBackMapping } from './roll-back-mapping';
import type { testRunMapping } from './test-run-mapping';

type Answer<F extends (...args: never[]) => Promise<unknown>> = Wire<Awaited<ReturnType<F>>>;

describe('mapping version answers fit their documented schemas', () => {
  it('GET /api/v1/flows/{id}/mapping-versions: getFlowMappings', () => {
    expectTypeOf<Answer<typeof getFlowMappings>>().toExtend<z.input<typeof flowMappingsResponse>>();
  });

  it('POST /api/v1/flows/{id}/mapping-versions: createMappingVersion, the stored branch', () => {
    // the route answers { id, version } of a stored version; a refused draft is its 422
    type Stored = Extract<Answer<typeof createMappingVersion>, { ok: true }>;
    expectTypeOf<Omit<Stored, 'ok'>>().toExtend<z.input<typeof createdVersionResponse>>();
  });

  it('POST /api/v1/flows/{id}/mapping-versions/test-run: testRunMapping', () => {
    expectTypeOf<Answer<typeof testRunMapping>>().toExtend<z.input<typeof testRunResponse>>();
  });

  it('POST /api/v1/flows/{id}/mapping-versions/{version}/activate: activateMappingVersion', () => {
    expectTypeOf<Answer<typeof activateMappingVersion>>().toExtend<
      z.input<typeof switchedVersionResponse>
    >();
  });

  it('POST /api/v1/flows/{id}/mapping-versions/roll-back: rollBackMapping', () => {
    expectTypeOf<Answer<typeof rollBackMapping>>().toExtend<
      z.input<typeof switchedVersionResponse>
    >();
  });
});
