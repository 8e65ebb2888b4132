// GET /api/v1/orders/{businessKey} — the order journey: every transaction sharing the business
// key across flows and systems, with its last step and the one-line summary. 404 if none.
import { api } from '@/lib/http/api-catalog';
import { defineRoute } from '@/lib/http/route';
import { getOrderJourney } from '@/lib/ledger/order-journey.presenter';
import { actorCan } from '@/lib/base/actor';

export const GET = defineRoute(
  api('GET /api/v1/orders/{businessKey}'),
  async ({ actor, ctx, params }) =>
    getOrderJourney(ctx.readDb, actor.tenantId, params.businessKey, {
      maskPersonalData: !actorCan(actor, 'personal_data.read'),
    }),
);
