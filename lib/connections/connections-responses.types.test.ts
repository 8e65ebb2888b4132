// The documented answers hold what the code answers: each connection presenter's and use case's
// result, as JSON puts it on the wire, must fit the input of its response schema (tsc checks these;
// the test run only lists them). Two results are typed wider than their values: the list's
// `settings` as any JSON value (the adapters' settings schemas make it an object), and
// updateConnection's `changed` as strings (the names of its changeable fields). The first is left
// out here, the second compared the other way round; the test stacks' response check holds both.
import { describe, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import type { Wire } from '@/lib/base/wire';
import type { listConnectionConfigs } from './connection-config.presenter';
import type { getConnection } from './connection-read.presenter';
import type { createConnection } from './create-connection';
import type { replaceCredentials } from './replace-credentials';
import type { testConnection } from './test-connection';
import type { updateConnection } from './update-connection';
import type {
  connectionCreatedResponse,
  connectionListResponse,
  connectionResponse,
  connectionTestResponse,
  connectionUpdatedResponse,
  credentialsReplacedResponse,
} from './connections-responses';

type Answer<F extends (...args: never[]) => Promise<unknown>> = Wire<Awaited<ReturnType<F>>>;

describe('connection answers fit their documented schemas', () => {
  it('GET /api/v1/connections/{id}', () => {
    expectTypeOf<Answer<typeof getConnection>>().toExtend<z.input<typeof connectionResponse>>();
  });

  it('GET /api/v1/connections', () => {
    type Listed = Answer<typeof listConnectionConfigs>[number];
    type Documented = z.input<typeof connectionListResponse>['connections'][number];
    // settings: any JSON value by type, an object by the adapters' schemas (see above)
    expectTypeOf<Omit<Listed, 'settings'>>().toExtend<Omit<Documented, 'settings'>>();
  });

  it('POST /api/v1/connections', () => {
    expectTypeOf<Answer<typeof createConnection>>().toExtend<
      z.input<typeof connectionCreatedResponse>
    >();
  });

  it('PATCH /api/v1/connections/{id}', () => {
    type Documented = z.input<typeof connectionUpdatedResponse>;
    expectTypeOf<Omit<Answer<typeof updateConnection>, 'changed'>>().toExtend<
      Omit<Documented, 'changed'>
    >();
    expectTypeOf<Documented['changed']>().toExtend<Answer<typeof updateConnection>['changed']>();
  });

  it('PUT /api/v1/connections/{id}/credentials', () => {
    expectTypeOf<Answer<typeof replaceCredentials>>().toExtend<
      z.input<typeof credentialsReplacedResponse>
    >();
  });

  it('POST /api/v1/connections/{id}/test', () => {
    expectTypeOf<Answer<typeof testConnection>>().toExtend<
      z.input<typeof connectionTestResponse>
    >();
  });
});
