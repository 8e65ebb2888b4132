// GET /api/v1/alert-events?ruleId=&limit= — recent alerts with their delivery outcome.
import { listAlertEvents } from '@/lib/alerts/alert-rules.presenter';
import { api } from '@/lib/http/api-catalog';
import { defineRoute } from '@/lib/http/route';

export const GET = defineRoute(api('GET /api/v1/alert-events'), async ({ actor, ctx, query }) => ({
  events: await listAlertEvents(ctx.db, actor.tenantId, {
    limit: query.limit,
    ...(query.ruleId && { ruleId: query.ruleId }),
  }),
}));
