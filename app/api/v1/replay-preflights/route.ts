// POST /api/v1/replay-preflights { filter } — asks the targets which selected transactions they
// already hold (a worker job); answers its id and how many the filter selected.
import { launchReplayPreflight } from '@/lib/engine/launch-replay-preflight';
import { AppError } from '@/lib/errors';
import { api } from '@/lib/http/api-catalog';
import { defineRoute } from '@/lib/http/route';

export const POST = defineRoute(
  api('POST /api/v1/replay-preflights'),
  async ({ actor, ctx, body, operator, audit }) => {
    const launched = await launchReplayPreflight(ctx, actor.tenantId, {
      filter: body.filter,
      actor: operator,
      audit,
    });
    if (launched.kind === 'queue_unavailable')
      throw new AppError('UNAVAILABLE', 'the worker queue is unavailable; nothing was checked');
    return Response.json(
      { preflightId: launched.preflightId, selected: launched.selected },
      { status: 202 },
    );
  },
);
