// GET /api/v1/recoveries/{id} — a guided recovery: each step's status and what the ledger says now.
import { notFound } from '@/lib/errors';
import { api } from '@/lib/http/api-catalog';
import { defineRoute } from '@/lib/http/route';
import { recoveryView } from '@/lib/recovery/recovery.presenter';

export const GET = defineRoute(
  api('GET /api/v1/recoveries/{id}'),
  async ({ actor, ctx, params }) => {
    const view = await recoveryView(ctx.db, actor.tenantId, params.id);
    if (!view) throw notFound('recovery');
    return view;
  },
);
