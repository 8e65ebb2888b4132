// PUT /api/v1/tokens/lifetime { days } — the tenant's maximum API token lifetime.
import { setMaxTokenLifetime } from '@/lib/api-tokens/token-lifetime';
import { api } from '@/lib/http/api-catalog';
import { defineRoute } from '@/lib/http/route';

export const PUT = defineRoute(
  api('PUT /api/v1/tokens/lifetime'),
  ({ actor, ctx, body, operator, requestId }) =>
    setMaxTokenLifetime(ctx.db, actor.tenantId, { days: body.days, actor: operator, requestId }),
);
