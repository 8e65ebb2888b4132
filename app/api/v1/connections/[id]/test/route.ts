// POST /api/v1/connections/{id}/test — the console's "Test connection".
import { testConnection } from '@/lib/connections/test-connection';
import { api } from '@/lib/http/api-catalog';
import { defineRoute } from '@/lib/http/route';

export const POST = defineRoute(
  api('POST /api/v1/connections/{id}/test'),
  async ({ actor, ctx, params, operator, audit }) =>
    testConnection(ctx.db, actor.tenantId, params.id, {
      actor: operator,
      audit,
      keyRing: ctx.keyRing,
      timeoutMs: ctx.env.PROVIDER_TIMEOUT_MS,
    }),
);
