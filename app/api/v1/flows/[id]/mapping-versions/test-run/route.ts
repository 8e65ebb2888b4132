// POST /api/v1/flows/{id}/mapping-versions/test-run { inboundEventId, expression?, version?,
// live? } — what a version (or a draft) makes of a stored payload; nothing is written. As in the
// console, a draft or a live run is an editor's tool (mappings.manage), and payloads are masked
// for a caller without personal_data.read.
import { actorCan } from '@/lib/base/actor';
import { api } from '@/lib/http/api-catalog';
import { defineRoute } from '@/lib/http/route';
import { authorize } from '@/lib/http/route-auth';
import { testRunMapping } from '@/lib/mapping/test-run-mapping';

export const POST = defineRoute(
  api('POST /api/v1/flows/{id}/mapping-versions/test-run'),
  ({ actor, ctx, params, body }) => {
    if (body.expression !== undefined || body.live) authorize(actor, 'mappings.manage');
    return testRunMapping(
      ctx.db,
      actor.tenantId,
      { ...body, flowId: params.id, maskPersonalData: !actorCan(actor, 'personal_data.read') },
      { keyRing: ctx.keyRing, timeoutMs: ctx.env.PROVIDER_TIMEOUT_MS },
    );
  },
);
