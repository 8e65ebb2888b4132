// POST /api/v1/flows/{id}/retire — the flow takes no new transactions; its history stays. A static
// segment: Next matches it before the [intent] route (pause | resume) beside it.
import { retireFlow } from '@/lib/flows/retire-flow';
import { api } from '@/lib/http/api-catalog';
import { defineRoute } from '@/lib/http/route';

export const POST = defineRoute(
  api('POST /api/v1/flows/{id}/retire'),
  ({ actor, ctx, params, requestId }) =>
    retireFlow(ctx.db, actor.tenantId, params.id, { actor, requestId }),
);
