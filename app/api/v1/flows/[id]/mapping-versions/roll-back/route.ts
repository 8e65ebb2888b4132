// POST /api/v1/flows/{id}/mapping-versions/roll-back — back to the version active before the
// current one. A static segment: Next matches it before the [version] folder beside it.
import { auditActorOf } from '@/lib/audit';
import { api } from '@/lib/http/api-catalog';
import { defineRoute } from '@/lib/http/route';
import { rollBackMapping } from '@/lib/mapping/roll-back-mapping';

export const POST = defineRoute(
  api('POST /api/v1/flows/{id}/mapping-versions/roll-back'),
  ({ actor, ctx, params, operator, requestId }) =>
    rollBackMapping(ctx.db, actor.tenantId, {
      flowId: params.id,
      actor: auditActorOf(operator),
      requestId,
    }),
);
