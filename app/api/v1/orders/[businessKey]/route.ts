// GET /api/v1/orders/{businessKey} — the order journey: every transaction sharing the business
// key across flows and systems, with its last step and the one-line summary. 404 if none.
import { z } from 'zod';
import { defineRoute } from '@/lib/http/route';
import { getOrderJourney } from '@/lib/ledger/order-journey.presenter';
import { actorCan } from '@/lib/auth/actor';

const params = z.object({ businessKey: z.string().min(1).max(200) });

export const GET = defineRoute(
  { permission: 'transactions.read', params },
  async ({ actor, ctx, params }) =>
    getOrderJourney(ctx.db, actor.tenantId, params.businessKey, {
      maskPersonalData: !actorCan(actor, 'personal_data.read'),
    }),
);
