// GET /api/v1/issues/{id} — one issue with its history, trend and assignable members.
import { actorCan } from '@/lib/base/actor';
import { api } from '@/lib/http/api-catalog';
import { defineRoute } from '@/lib/http/route';
import { getIssue } from '@/lib/issues/issues.presenter';

export const GET = defineRoute(api('GET /api/v1/issues/{id}'), ({ actor, ctx, params }) =>
  getIssue(ctx.db, actor.tenantId, params.id, {
    maskPersonalData: !actorCan(actor, 'personal_data.read'),
  }),
);
