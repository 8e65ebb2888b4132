// POST /api/v1/recoveries/{id}/fix { note? } — confirm the cause is fixed; 409 out of turn.
import { api } from '@/lib/http/api-catalog';
import { defineRoute } from '@/lib/http/route';
import { confirmFix } from '@/lib/recovery/fix-and-preview';

export const POST = defineRoute(
  api('POST /api/v1/recoveries/{id}/fix'),
  ({ actor, ctx, params, body, operator, audit }) =>
    confirmFix(ctx.db, actor.tenantId, params.id, {
      actor: operator,
      audit,
      ...(body.note && { note: body.note }),
    }),
);
