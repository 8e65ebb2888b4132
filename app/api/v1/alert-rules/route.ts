// GET /api/v1/alert-rules — alert rules (the signing secret only as "set, rotated at").
// POST /api/v1/alert-rules { name, kind, params, webhookUrl, quietMinutes?, enabled? } — create;
// the answer carries the signing secret, this once.
import { alertRuleDeps } from '@/lib/alerts/alert-rule-deps';
import { createAlertRule } from '@/lib/alerts/alert-rules';
import { listAlertRules } from '@/lib/alerts/alert-rules.presenter';
import { api } from '@/lib/http/api-catalog';
import { defineRoute } from '@/lib/http/route';

export const GET = defineRoute(api('GET /api/v1/alert-rules'), async ({ actor, ctx }) => {
  const { rules } = await listAlertRules(ctx.db, actor.tenantId, { eventLimit: 0 });
  return { rules };
});

export const POST = defineRoute(
  api('POST /api/v1/alert-rules'),
  async ({ actor, ctx, body, requestId }) =>
    Response.json(
      await createAlertRule(ctx.db, actor.tenantId, body, alertRuleDeps(ctx), {
        actor,
        requestId,
      }),
      { status: 201, headers: { 'cache-control': 'no-store' } },
    ),
);
