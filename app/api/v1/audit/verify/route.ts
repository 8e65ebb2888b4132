// POST /api/v1/audit/verify {anchor?} — recomputes the tenant's audit hash chain and reports what
// was modified, inserted or deleted. Reads the whole log; changes nothing.
import { AUDIT_API } from '@/lib/audit/audit-api';
import { verifyAuditChain } from '@/lib/audit/verify';
import { defineRoute } from '@/lib/http/route';

export const POST = defineRoute(AUDIT_API['POST /api/v1/audit/verify'], ({ actor, ctx, body }) =>
  verifyAuditChain(ctx.db, actor.tenantId, { anchor: body.anchor ?? null }),
);
