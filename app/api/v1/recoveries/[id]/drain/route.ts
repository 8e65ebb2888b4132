// POST /api/v1/recoveries/{id}/drain { ratePerSecond } — resume the connection at a chosen rate and
// replay the outage's failed work (202: the worker sends); 409 out of turn. A replay the queue
// could not take is said in the answer (replayNotQueued), not as an error: the step is taken, and
// taking it again would only be refused.
import { api } from '@/lib/http/api-catalog';
import { defineRoute } from '@/lib/http/route';
import { startDrain } from '@/lib/recovery/drain';

export const POST = defineRoute(
  api('POST /api/v1/recoveries/{id}/drain'),
  async ({ actor, ctx, params, body, operator, audit }) =>
    Response.json(
      await startDrain(ctx, actor.tenantId, params.id, {
        actor: operator,
        audit,
        ratePerSecond: body.ratePerSecond,
      }),
      { status: 202, headers: { 'cache-control': 'no-store' } },
    ),
);
