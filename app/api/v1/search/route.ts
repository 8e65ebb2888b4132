// GET /api/v1/search?q= — the orders a typed query points at (order number, any system's
// reference, source object id, transaction id, or customer email for roles that may read it).
import { api } from '@/lib/http/api-catalog';
import { defineRoute } from '@/lib/http/route';
import { searchLedger } from '@/lib/search/search.presenter';
import { actorCan } from '@/lib/base/actor';

export const GET = defineRoute(api('GET /api/v1/search'), async ({ actor, ctx, query }) =>
  searchLedger(ctx.readDb, actor.tenantId, query.q, {
    canReadPersonalData: actorCan(actor, 'personal_data.read'),
  }),
);
