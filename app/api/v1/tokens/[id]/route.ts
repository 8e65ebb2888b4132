// DELETE /api/v1/tokens/{id} — revoke an API token (twice is harmless: alreadyRevoked).
import { revokeApiToken } from '@/lib/api-tokens/revoke-api-token';
import { api } from '@/lib/http/api-catalog';
import { defineRoute } from '@/lib/http/route';

export const DELETE = defineRoute(
  api('DELETE /api/v1/tokens/{id}'),
  ({ actor, ctx, params, requestId }) =>
    revokeApiToken(ctx.db, actor.tenantId, { id: params.id, actor, requestId }),
);
