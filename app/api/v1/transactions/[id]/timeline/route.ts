// GET /api/v1/transactions/{id}/timeline?cursor=&limit= — the whole timeline, oldest first, in
// keyset pages (nextCursor is null on the last page); payloads masked as on the Transaction screen.
import { tenantDb } from '@/lib/db';
import { api } from '@/lib/http/api-catalog';
import { defineRoute } from '@/lib/http/route';
import { listTimeline } from '@/lib/ledger/transaction-timeline.presenter';
import { actorCan } from '@/lib/base/actor';

export const GET = defineRoute(
  api('GET /api/v1/transactions/{id}/timeline'),
  async ({ actor, ctx, params, query }) =>
    listTimeline(tenantDb(ctx.readDb, actor.tenantId), params.id, {
      ...query,
      maskPersonalData: !actorCan(actor, 'personal_data.read'),
      onInvalidRule: (rule) => ctx.log.warn({ rule }, 'masking rule ignored'),
    }),
);
