// GET /api/v1/payload-search?value=&limit= — transactions whose inbound payload carries a value
// (a SKU, a tracking number) at their source connection's search paths (docs/adr/0027).
import { api } from '@/lib/http/api-catalog';
import { defineRoute } from '@/lib/http/route';
import { searchPayloads } from '@/lib/search/payload-search.presenter';

export const GET = defineRoute(api('GET /api/v1/payload-search'), async ({ actor, ctx, query }) =>
  searchPayloads(ctx.readDb, actor.tenantId, query.value, { limit: query.limit }),
);
