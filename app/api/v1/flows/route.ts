// GET /api/v1/flows — every flow of the tenant with its route, mapping version and settings.
// POST /api/v1/flows — create a flow (the console's "New flow" form, same use case).
import { createFlow } from '@/lib/flows/create-flow';
import { listFlows } from '@/lib/flows/flow-read.presenter';
import { api } from '@/lib/http/api-catalog';
import { defineRoute } from '@/lib/http/route';

export const GET = defineRoute(api('GET /api/v1/flows'), async ({ actor, ctx }) => ({
  flows: await listFlows(ctx.db, actor.tenantId),
}));

export const POST = defineRoute(
  api('POST /api/v1/flows'),
  async ({ actor, ctx, body, requestId }) =>
    Response.json(await createFlow(ctx.db, actor.tenantId, body, { actor, requestId }), {
      status: 201,
    }),
);
