// GET /api/v1/overview?window=1h|24h|7d — the Overview screen's read model as JSON.
import { z } from 'zod';
import { defineRoute } from '@/lib/http/route';
import { getOverview } from '@/lib/overview/overview.presenter';
import { overviewWindowSchema } from '@/lib/overview/window';

export const GET = defineRoute(
  { permission: 'transactions.read', query: z.object({ window: overviewWindowSchema }) },
  ({ actor, ctx, query }) => getOverview(ctx.db, actor.tenantId, { window: query.window }),
);
