// GET /api/v1/transactions/{id}/timeline?cursor=&limit= — the whole timeline, oldest first, in
// keyset pages (nextCursor is null on the last page).
import { z } from 'zod';
import { tenantDb } from '@/lib/db';
import { defineRoute } from '@/lib/http/route';
import { listTimeline, TIMELINE_PAGE_MAX } from '@/lib/ledger/transaction-timeline.presenter';
import { actorCan } from '@/lib/auth/actor';

export const GET = defineRoute(
  {
    permission: 'transactions.read',
    params: z.object({ id: z.uuid('unknown transaction') }),
    query: z.object({
      cursor: z.string().max(200).optional(),
      limit: z.coerce.number().int().min(1).max(TIMELINE_PAGE_MAX).default(100),
    }),
  },
  async ({ actor, ctx, params, query }) =>
    listTimeline(tenantDb(ctx.db, actor.tenantId), params.id, {
      ...query,
      maskPersonalData: !actorCan(actor, 'personal_data.read'),
    }),
);
