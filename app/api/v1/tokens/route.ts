// GET /api/v1/tokens — the tenant's API tokens (display prefixes only, never a secret).
// POST /api/v1/tokens { name, scopes, expiry } — issue one; the answer is the only place its
// secret appears, so no cache keeps it. The use case refuses a token as the issuer (403).
import { issueApiToken } from '@/lib/api-tokens/issue-api-token';
import { listApiTokens } from '@/lib/api-tokens/api-tokens.presenter';
import { api } from '@/lib/http/api-catalog';
import { defineRoute } from '@/lib/http/route';

export const GET = defineRoute(api('GET /api/v1/tokens'), ({ actor, ctx }) =>
  listApiTokens(ctx.db, actor.tenantId),
);

export const POST = defineRoute(
  api('POST /api/v1/tokens'),
  async ({ actor, ctx, body, requestId }) =>
    Response.json(await issueApiToken(ctx.db, actor.tenantId, { ...body, actor, requestId }), {
      status: 201,
      headers: { 'cache-control': 'no-store' },
    }),
);
