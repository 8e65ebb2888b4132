// GET /api/v1/transactions/{id} — the Transaction screen's read model: header, error class in
// words, latest timeline, attempts and payloads; personal data masked for roles without it,
// the connections' masking rules for every role (the API has no reveal).
import { tenantDb } from '@/lib/db';
import { api } from '@/lib/http/api-catalog';
import { defineRoute } from '@/lib/http/route';
import { getTransactionDetail } from '@/lib/ledger/transaction-detail.presenter';
import { actorCan } from '@/lib/base/actor';

export const GET = defineRoute(
  api('GET /api/v1/transactions/{id}'),
  async ({ actor, ctx, params }) =>
    getTransactionDetail(tenantDb(ctx.readDb, actor.tenantId), params.id, {
      maskPersonalData: !actorCan(actor, 'personal_data.read'),
      onInvalidRule: (rule) => ctx.log.warn({ rule }, 'masking rule ignored'),
    }),
);
