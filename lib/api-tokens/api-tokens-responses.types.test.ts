// The documented answers of the API token operations (api-tokens-api.ts) hold what the use cases
// and the presenter return, as JSON puts it on the wire: a field gained, renamed or retyped fails
// `npx tsc --noEmit -p .` here until the schema says the same. (Type-level only: the run checks
// nothing. The values are checked by the e2e suite through API_RESPONSE_CHECK=1.)
import { describe, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import type { Wire } from '@/lib/base/wire';
import type { listApiTokens } from './api-tokens.presenter';
import type { issueApiToken } from './issue-api-token';
import type { revokeApiToken } from './revoke-api-token';
import type { setMaxTokenLifetime } from './token-lifetime';
import type {
  apiTokenListResponse,
  issuedApiTokenResponse,
  revokedApiTokenResponse,
  tokenLifetimeResponse,
} from './api-tokens-api';

type Answer<F extends (...args: never[]) => Promise<unknown>> = Wire<Awaited<ReturnType<F>>>;

describe('API token answers fit their documented schemas', () => {
  it('GET /api/v1/tokens: listApiTokens', () => {
    expectTypeOf<Answer<typeof listApiTokens>>().toExtend<z.input<typeof apiTokenListResponse>>();
  });

  it('POST /api/v1/tokens: issueApiToken', () => {
    expectTypeOf<Answer<typeof issueApiToken>>().toExtend<z.input<typeof issuedApiTokenResponse>>();
  });

  it('DELETE /api/v1/tokens/{id}: revokeApiToken', () => {
    expectTypeOf<Answer<typeof revokeApiToken>>().toExtend<
      z.input<typeof revokedApiTokenResponse>
    >();
  });

  it('PUT /api/v1/tokens/lifetime: setMaxTokenLifetime', () => {
    expectTypeOf<Answer<typeof setMaxTokenLifetime>>().toExtend<
      z.input<typeof tokenLifetimeResponse>
    >();
  });
});
