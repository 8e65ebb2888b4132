// POST /api/v1/recoveries/{id}/preview — count what the drain sends and start the pre-flight of the
// failed work; 409 out of turn.
import { api } from '@/lib/http/api-catalog';
import { defineRoute } from '@/lib/http/route';
import { previewDrain } from '@/lib/recovery/fix-and-preview';

export const POST = defineRoute(
  api('POST /api/v1/recoveries/{id}/preview'),
  ({ actor, ctx, params, operator, audit }) =>
    previewDrain(ctx, actor.tenantId, params.id, { actor: operator, audit }),
);
