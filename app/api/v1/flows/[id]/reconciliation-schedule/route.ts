// PUT /api/v1/flows/{id}/reconciliation-schedule { scheduled, cron } — when (and whether) the
// flow's previous UTC day is reconciled on a schedule. The job scheduler follows at once when
// Redis answers, else within a minute (the worker's schedule sync).
import { operatorOf } from '@/lib/base/actor';
import { api } from '@/lib/http/api-catalog';
import { defineRoute } from '@/lib/http/route';
import { applyFlowSchedule } from '@/lib/reconciliation/apply-flow-schedule';

export const PUT = defineRoute(
  api('PUT /api/v1/flows/{id}/reconciliation-schedule'),
  ({ actor, ctx, params, body, requestId }) =>
    applyFlowSchedule(ctx, actor.tenantId, params.id, {
      ...body,
      actor: operatorOf(actor),
      audit: { requestId },
    }),
);
