// GET /api/v1/audit?<the screen's filters> — one keyset page of the tenant's audit log.
import { AUDIT_API } from '@/lib/audit/audit-api';
import { listAuditEntries } from '@/lib/audit/audit-list.presenter';
import { defineRoute } from '@/lib/http/route';

export const GET = defineRoute(AUDIT_API['GET /api/v1/audit'], ({ actor, ctx, query }) => {
  const { limit, ...filter } = query;
  return listAuditEntries(ctx.readDb, actor.tenantId, filter, limit);
});
