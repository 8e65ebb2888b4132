// GET /api/v1/transactions/{id} — the Transaction screen's read model: header, error class in
// words, latest timeline, attempts and payloads; personal data masked for roles without it.
import { z } from 'zod';
import { tenantDb } from '@/lib/db';
import { defineRoute } from '@/lib/http/route';
import { getTransactionDetail } from '@/lib/ledger/transaction-detail.presenter';
import { actorCan } from '@/lib/auth/actor';

export const GET = defineRoute(
  { permission: 'transactions.read', params: z.object({ id: z.uuid('unknown transaction') }) },
  async ({ actor, ctx, params }) =>
    getTransactionDetail(tenantDb(ctx.db, actor.tenantId), params.id, {
      maskPersonalData: !actorCan(actor, 'personal_data.read'),
    }),
);
