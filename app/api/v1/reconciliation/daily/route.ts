// GET /api/v1/reconciliation/daily?from&to&flowId — finance's day-by-day reconciliation totals.
import { api } from '@/lib/http/api-catalog';
import { defineRoute } from '@/lib/http/route';
import { dailyReconciliation } from '@/lib/reconciliation/daily-summary.presenter';

export const GET = defineRoute(api('GET /api/v1/reconciliation/daily'), ({ actor, ctx, query }) =>
  dailyReconciliation(ctx.readDb, actor.tenantId, query),
);
