// GET /api/v1/error-groups?from=&to= — open failures (failed, needs review) grouped by flow and
// error class, with counts, first/last seen and the newest error (emails masked for roles without
// personal data). from/to are ISO instants bounding when a transaction last changed (to exclusive).
import { z } from 'zod';
import { defineRoute } from '@/lib/http/route';
import { listErrorGroups } from '@/lib/ledger/error-groups.presenter';
import { actorCan } from '@/lib/auth/actor';

const query = z
  .object({
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
  })
  .refine((q) => !q.from || !q.to || Date.parse(q.from) < Date.parse(q.to), {
    message: 'from must be before to',
    path: ['to'],
  });

export const GET = defineRoute(
  { permission: 'transactions.read', query },
  async ({ actor, ctx, query }) =>
    listErrorGroups(ctx.db, actor.tenantId, {
      window: {
        ...(query.from && { from: new Date(query.from) }),
        ...(query.to && { to: new Date(query.to) }),
      },
      maskPersonalData: !actorCan(actor, 'personal_data.read'),
    }),
);
