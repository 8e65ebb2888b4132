// The state comparison's /api/v1 operation as a route spec, merged into the API catalog
// (lib/http/api-catalog.ts) like the audit log's. Pure data.
import { z } from 'zod';
import type { ApiOperation, RouteSpec } from '@/lib/base/route-spec';
import { stateComparisonSchema } from './state-comparison-responses';

type Spec = RouteSpec & { operation: ApiOperation };

export const STATE_COMPARISON_API = {
  'GET /api/v1/transactions/{id}/state-comparison': {
    permission: 'transactions.read',
    params: z.object({ id: z.uuid('unknown transaction') }),
    response: stateComparisonSchema,
    operation: {
      id: 'getTransactionStateComparison',
      tag: 'Transactions',
      summary:
        "The ledger's canonical command beside the source's and target's live records, field by field",
      description:
        'Reads each provider once, live, within the provider timeout. A provider that cannot be read answers its error class in words; values are masked as on the Transaction screen.',
    },
  },
} as const satisfies Record<string, Spec>;
