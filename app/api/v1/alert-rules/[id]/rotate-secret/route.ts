// POST /api/v1/alert-rules/{id}/rotate-secret — a new signing secret, answered this once; the
// previous one keeps signing beside it for the overlap (default a day).
import { rotateAlertRuleSecret } from '@/lib/alerts/alert-rules';
import { api } from '@/lib/http/api-catalog';
import { defineRoute } from '@/lib/http/route';

export const POST = defineRoute(
  api('POST /api/v1/alert-rules/{id}/rotate-secret'),
  async ({ actor, ctx, params, body, requestId }) => {
    const rotated = await rotateAlertRuleSecret(ctx.db, actor.tenantId, params.id, ctx, {
      actor,
      requestId,
      ...(body?.overlapMinutes !== undefined && { overlapMinutes: body.overlapMinutes }),
    });
    return {
      id: rotated.id,
      secret: rotated.secret,
      rotatedAt: rotated.rotatedAt.toISOString(),
      previousUntil: rotated.previousUntil?.toISOString() ?? null,
    };
  },
);
