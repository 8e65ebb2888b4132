// GET /api/v1/flows/{id}/mapping-versions — the flow's version history, which is active, what a
// roll-back returns to, and stored payloads for a test run.
// POST /api/v1/flows/{id}/mapping-versions { expression, statusTable, ... } — store a version
// (not active yet); a draft refused for its content answers 422 per field and stores nothing.
import { auditActorOf } from '@/lib/audit';
import { api } from '@/lib/http/api-catalog';
import { defineRoute } from '@/lib/http/route';
import { createMappingVersion } from '@/lib/mapping/create-mapping-version';
import { getFlowMappings } from '@/lib/mapping/flow-mappings.presenter';
import { draftRefusal } from '@/lib/mapping/mapping-versions-api';

export const GET = defineRoute(
  api('GET /api/v1/flows/{id}/mapping-versions'),
  ({ actor, ctx, params }) => getFlowMappings(ctx.db, actor.tenantId, params.id),
);

export const POST = defineRoute(
  api('POST /api/v1/flows/{id}/mapping-versions'),
  async ({ actor, ctx, params, body, operator, requestId }) => {
    const result = await createMappingVersion(ctx.db, actor.tenantId, {
      ...body,
      flowId: params.id,
      actor: auditActorOf(operator),
      requestId,
    });
    if (!result.ok)
      return Response.json(draftRefusal(result.errors), {
        status: 422,
        headers: { 'cache-control': 'no-store' },
      });
    return Response.json({ id: result.id, version: result.version }, { status: 201 });
  },
);
