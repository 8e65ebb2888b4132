// GET /api/v1/overview?window=1h|24h|7d — the Overview screen's read model as JSON.
import { actorCan } from '@/lib/base/actor';
import { api } from '@/lib/http/api-catalog';
import { defineRoute } from '@/lib/http/route';
import { getOverview } from '@/lib/overview/overview.presenter';

export const GET = defineRoute(api('GET /api/v1/overview'), ({ actor, ctx, query }) =>
  getOverview(ctx.readDb, actor.tenantId, {
    window: query.window,
    maskPersonalData: !actorCan(actor, 'personal_data.read'),
  }),
);
