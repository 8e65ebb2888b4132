// POST /api/v1/recoveries/{id}/abandon { reason } — end the recovery at any step; 409 once ended.
import { api } from '@/lib/http/api-catalog';
import { defineRoute } from '@/lib/http/route';
import { finishRecovery } from '@/lib/recovery/reconcile-and-finish';

export const POST = defineRoute(
  api('POST /api/v1/recoveries/{id}/abandon'),
  async ({ actor, ctx, params, body, operator, audit }) => {
    await finishRecovery(ctx.db, actor.tenantId, params.id, {
      actor: operator,
      audit,
      outcome: 'abandoned',
      reason: body.reason,
    });
    return { id: params.id, state: 'abandoned' as const };
  },
);
