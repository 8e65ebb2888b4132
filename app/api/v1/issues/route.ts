// GET /api/v1/issues?state=&owner=&snoozed= — stored issues, newest failure first.
import { api } from '@/lib/http/api-catalog';
import { defineRoute } from '@/lib/http/route';
import { listIssues } from '@/lib/issues/issues.presenter';

export const GET = defineRoute(api('GET /api/v1/issues'), ({ actor, ctx, query }) =>
  listIssues(ctx.db, actor.tenantId, query),
);
