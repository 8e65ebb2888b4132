// GET /api/v1/settings/retention — how long the tenant keeps raw payloads and provider responses.
// PUT /api/v1/settings/retention { days } — change it (null: forever); audited.
import { api } from '@/lib/http/api-catalog';
import { defineRoute } from '@/lib/http/route';
import { getPayloadRetention, setPayloadRetention } from '@/lib/retention/retention-setting';

export const GET = defineRoute(api('GET /api/v1/settings/retention'), ({ actor, ctx }) =>
  getPayloadRetention(ctx.db, actor.tenantId),
);

export const PUT = defineRoute(
  api('PUT /api/v1/settings/retention'),
  ({ actor, ctx, body, operator, requestId }) =>
    setPayloadRetention(ctx.db, actor.tenantId, { days: body.days, actor: operator, requestId }),
);
