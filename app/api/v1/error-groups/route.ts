// GET /api/v1/error-groups?from=&to= — open failures (failed, needs review) grouped by flow and
// error class, with counts, first/last seen and the newest error (emails masked for roles without
// personal data). from/to are ISO instants bounding when a transaction last changed (to exclusive).
import { api } from '@/lib/http/api-catalog';
import { defineRoute } from '@/lib/http/route';
import { listErrorGroups } from '@/lib/ledger/error-groups.presenter';
import { actorCan } from '@/lib/base/actor';

export const GET = defineRoute(api('GET /api/v1/error-groups'), async ({ actor, ctx, query }) =>
  listErrorGroups(ctx.readDb, actor.tenantId, {
    window: {
      ...(query.from && { from: new Date(query.from) }),
      ...(query.to && { to: new Date(query.to) }),
    },
    maskPersonalData: !actorCan(actor, 'personal_data.read'),
  }),
);
