// GET /api/v1/transactions?status=failed,needs_review&flowId=…&cursor=… — one keyset page of the
// Transactions screen's filter: { rows, nextCursor }. Invalid filter values answer 422.
import { api } from '@/lib/http/api-catalog';
import { defineRoute } from '@/lib/http/route';
import { listTransactions } from '@/lib/ledger/transaction-list.presenter';
import { actorCan } from '@/lib/base/actor';

export const GET = defineRoute(api('GET /api/v1/transactions'), async ({ actor, ctx, query }) =>
  listTransactions(ctx.readDb, actor.tenantId, query, {
    personalData: actorCan(actor, 'personal_data.read'),
  }),
);
