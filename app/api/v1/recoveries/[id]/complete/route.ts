// POST /api/v1/recoveries/{id}/complete — end the recovery once its window is being reconciled;
// 409 out of turn.
import { api } from '@/lib/http/api-catalog';
import { defineRoute } from '@/lib/http/route';
import { finishRecovery } from '@/lib/recovery/reconcile-and-finish';

export const POST = defineRoute(
  api('POST /api/v1/recoveries/{id}/complete'),
  async ({ actor, ctx, params, operator, audit }) => {
    await finishRecovery(ctx.db, actor.tenantId, params.id, {
      actor: operator,
      audit,
      outcome: 'completed',
    });
    return { id: params.id, state: 'completed' as const };
  },
);
