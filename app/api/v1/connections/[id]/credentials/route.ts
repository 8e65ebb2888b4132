// PUT /api/v1/connections/{id}/credentials — write-only; answers which key seals them.
import { replaceCredentials } from '@/lib/connections/replace-credentials';
import { api } from '@/lib/http/api-catalog';
import { defineRoute } from '@/lib/http/route';

export const PUT = defineRoute(
  api('PUT /api/v1/connections/{id}/credentials'),
  async ({ actor, ctx, params, body, operator, audit }) =>
    replaceCredentials(ctx.db, actor.tenantId, params.id, body.credentials, {
      actor: operator,
      audit,
      keyRing: ctx.keyRing,
    }),
);
