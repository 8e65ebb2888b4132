// Payload search's /api/v1 operation as a route spec, merged into lib/http/api-catalog.ts. Pure data.
import { z } from 'zod';
import type { ApiOperation, RouteSpec } from '@/lib/base/route-spec';
import { plainText } from '@/lib/base/query-values';
import { TransactionStatus } from '@/lib/db';
import { PAYLOAD_SEARCH_DEFAULT_LIMIT, PAYLOAD_SEARCH_MAX_LIMIT } from './payload-search.presenter';

type Spec = RouteSpec & { operation: ApiOperation };

export const payloadSearchQuery = z.object({
  value: plainText(200).min(1, 'enter a value to search for'),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(PAYLOAD_SEARCH_MAX_LIMIT)
    .default(PAYLOAD_SEARCH_DEFAULT_LIMIT),
});

export const payloadSearchResponse = z.object({
  term: z
    .string()
    .nullable()
    .describe('the value as compared: trimmed, lower-cased; null when nothing searchable was sent'),
  transactions: z
    .array(
      z.object({
        id: z.uuid(),
        businessKey: z.string(),
        status: z.enum(TransactionStatus),
        createdAt: z.iso.datetime({ offset: true }),
        flow: z.object({ id: z.uuid(), name: z.string() }),
      }),
    )
    .describe('newest first'),
  limited: z.boolean().describe('true: `limit` rows were returned and more may match'),
});

export const PAYLOAD_SEARCH_API = {
  'GET /api/v1/payload-search': {
    permission: 'transactions.read',
    query: payloadSearchQuery,
    response: payloadSearchResponse,
    operation: {
      id: 'searchPayloads',
      tag: 'Orders',
      summary: 'Transactions whose inbound payload carries a value (SKU, tracking number)',
      description:
        "Exact match, any case, on the values at the source connection's search paths " +
        '(`searchPathsInEffect` of a connection; line-item SKUs and tracking numbers by default), ' +
        'read when the delivery was accepted. Newest first.',
    },
  },
} satisfies Record<string, Spec>;
