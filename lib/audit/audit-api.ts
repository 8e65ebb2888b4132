// The audit log's /api/v1 operations as route specs (permission, zod schemas, how the OpenAPI
// document describes them). Pure data: the route files pass these to defineRoute, and the API
// catalog (lib/http/api-catalog.ts) can take them over as they are.
import type { ApiOperation, RouteSpec } from '@/lib/base/route-spec';
import {
  auditFilterSchema,
  auditListSchema,
  auditVerifyBodySchema,
  auditVerifyResultSchema,
} from './audit-filter';

const TAG = 'Audit log';

type Spec = RouteSpec & { operation: ApiOperation };

export const AUDIT_API = {
  'GET /api/v1/audit': {
    permission: 'audit.read',
    query: auditFilterSchema,
    response: auditListSchema,
    operation: {
      id: 'listAuditEntries',
      tag: TAG,
      summary: 'One page of audit entries matching a filter, newest first',
      description: 'Answers { entries, nextCursor }; pass nextCursor as cursor for the next page.',
    },
  },
  'GET /api/v1/audit/export': {
    permission: 'audit.read',
    query: auditFilterSchema,
    operation: {
      id: 'exportAuditLog',
      tag: TAG,
      summary: 'Every audit entry matching a filter as CSV (cursor and limit are ignored)',
      description: 'The export is itself recorded in the audit log (audit.exported) first.',
      produces: 'text/csv',
    },
  },
  'POST /api/v1/audit/verify': {
    permission: 'audit.read',
    body: auditVerifyBodySchema,
    response: auditVerifyResultSchema,
    operation: {
      id: 'verifyAuditChain',
      tag: TAG,
      summary: 'Recompute the hash chain and report modified, inserted or deleted entries',
      description:
        'Optionally pass a head saved earlier ({ anchor: { seq, hash } }): it reveals the newest ' +
        'entries deleted, or a rewrite with every later hash recomputed, which the chain alone cannot.',
    },
  },
} as const satisfies Record<string, Spec>;
