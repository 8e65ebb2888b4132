// GET /api/v1/replay-preflights/{id} — progress, counts in words and the references found.
import { findReplayPreflight } from '@/lib/engine/replay-preflight';
import { notFound } from '@/lib/errors';
import { api } from '@/lib/http/api-catalog';
import { defineRoute } from '@/lib/http/route';

export const GET = defineRoute(
  api('GET /api/v1/replay-preflights/{id}'),
  async ({ actor, ctx, params }) => {
    const preflight = await findReplayPreflight(ctx.db, actor.tenantId, params.id);
    if (!preflight) throw notFound('replay pre-flight');
    const { filter: _filter, ...answer } = preflight;
    return answer;
  },
);
