// POST /api/v1/flows/{id}/mapping-versions/{version}/activate — new dispatches of the flow use
// this version; transactions already sent keep theirs.
import { auditActorOf } from '@/lib/audit';
import { api } from '@/lib/http/api-catalog';
import { defineRoute } from '@/lib/http/route';
import { activateMappingVersion } from '@/lib/mapping/activate-mapping-version';

export const POST = defineRoute(
  api('POST /api/v1/flows/{id}/mapping-versions/{version}/activate'),
  ({ actor, ctx, params, operator, requestId }) =>
    activateMappingVersion(ctx.db, actor.tenantId, {
      flowId: params.id,
      version: params.version,
      actor: auditActorOf(operator),
      requestId,
    }),
);
