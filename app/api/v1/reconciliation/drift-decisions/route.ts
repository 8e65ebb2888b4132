// POST /api/v1/reconciliation/drift-decisions { action: backfill|replay|accept, selection, preview?,
// reason? (replay), note? (accept) }
// — one item ({ itemId }) or every open item of a kind in a run ({ runId, kind }); preview counts.
import { api } from '@/lib/http/api-catalog';
import { defineRoute } from '@/lib/http/route';
import { decideDrift } from '@/lib/reconciliation/decide-drift';

export const POST = defineRoute(
  api('POST /api/v1/reconciliation/drift-decisions'),
  async ({ actor, ctx, body, operator, audit }) => {
    const result = await decideDrift(ctx.db, actor.tenantId, {
      decision: body,
      actor: operator,
      wake: ctx.wake,
      audit,
    });
    if (result.kind !== 'backfilled' && result.kind !== 'replayed') return result;
    // the backfilled or replayed transactions' targets get work now; the sweep is the safety net
    const { connectionIds: _woken, ...answer } = result;
    return answer;
  },
);
