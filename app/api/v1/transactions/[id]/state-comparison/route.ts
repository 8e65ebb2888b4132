// GET /api/v1/transactions/{id}/state-comparison — the ledger's canonical command beside the
// source's and target's live records, read now (one call per system, within the provider timeout);
// values masked as on the Transaction screen. Another tenant's transaction answers 404.
import { actorCan } from '@/lib/base/actor';
import { api } from '@/lib/http/api-catalog';
import { defineRoute } from '@/lib/http/route';
import { getStateComparison } from '@/lib/state-comparison/state-comparison.presenter';

export const GET = defineRoute(
  api('GET /api/v1/transactions/{id}/state-comparison'),
  async ({ actor, ctx, params }) =>
    getStateComparison(ctx.db, actor.tenantId, params.id, {
      keyRing: ctx.keyRing,
      timeoutMs: ctx.env.PROVIDER_TIMEOUT_MS,
      maskPersonalData: !actorCan(actor, 'personal_data.read'),
      onInvalidRule: (rule) => ctx.log.warn({ rule }, 'masking rule ignored'),
    }),
);
