// The documented answers hold what the code answers: each flow presenter's and use case's result,
// as JSON puts it on the wire, must fit the input of its response schema (tsc checks these; the
// test run only lists them). UpdateFlowResult types `status` and `changed` as plain strings: their
// values are the schema's enums (FlowStatus, snapshot fields), which the test stacks' response
// check holds at run time, so those two are compared as strings here.
import { describe, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import type { Wire } from '@/lib/base/wire';
import type { createFlow } from './create-flow';
import type { deleteFlow } from './delete-flow';
import type { getFlow, listFlows } from './flow-read.presenter';
import type { retireFlow } from './retire-flow';
import type { patchFlow } from './update-flow';
import type {
  flowCreatedResponse,
  flowDeletedResponse,
  flowListResponse,
  flowResponse,
  flowRetiredResponse,
  flowUpdatedResponse,
} from './flows-responses';

type Answer<F extends (...args: never[]) => Promise<unknown>> = Wire<Awaited<ReturnType<F>>>;

describe('flow answers fit their documented schemas', () => {
  it('GET /api/v1/flows', () => {
    expectTypeOf<{ flows: Answer<typeof listFlows> }>().toExtend<
      z.input<typeof flowListResponse>
    >();
  });

  it('GET /api/v1/flows/{id}', () => {
    expectTypeOf<Answer<typeof getFlow>>().toExtend<z.input<typeof flowResponse>>();
  });

  it('POST /api/v1/flows', () => {
    expectTypeOf<Answer<typeof createFlow>>().toExtend<z.input<typeof flowCreatedResponse>>();
  });

  it('PATCH /api/v1/flows/{id}', () => {
    type Documented = z.input<typeof flowUpdatedResponse>;
    expectTypeOf<Omit<Answer<typeof patchFlow>, 'status' | 'changed'>>().toExtend<
      Omit<Documented, 'status' | 'changed'>
    >();
    expectTypeOf<Documented['status']>().toExtend<Answer<typeof patchFlow>['status']>();
    expectTypeOf<Documented['changed']>().toExtend<Answer<typeof patchFlow>['changed']>();
  });

  it('DELETE /api/v1/flows/{id}', () => {
    expectTypeOf<Answer<typeof deleteFlow>>().toExtend<z.input<typeof flowDeletedResponse>>();
  });

  it('POST /api/v1/flows/{id}/retire', () => {
    expectTypeOf<Answer<typeof retireFlow>>().toExtend<z.input<typeof flowRetiredResponse>>();
  });
});
