// The erasure's /api/v1 operation as a route spec, merged into lib/http/api-catalog.ts. Pure data.
import { z } from 'zod';
import type { ApiOperation, RouteSpec } from '@/lib/base/route-spec';
import { erasureRequestSchema } from './erase-customer';
import { SWEPT_TABLES, type SweptPlace } from './erase-sweeps';

type Spec = RouteSpec & { operation: ApiOperation };

const count = z.number().int().min(0);

export const erasureResponse = z.object({
  proof: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .describe('keyed hash of (tenant, address): the audit entry names it instead of the address'),
  marker: z.string().describe('what the erased values now read, e.g. "[erased 2026-12-06]"'),
  erased: z
    .object(
      Object.fromEntries(SWEPT_TABLES.map((t) => [t.place, count])) as Record<
        SweptPlace,
        typeof count
      >,
    )
    .describe('rows rewritten, per place'),
  total: count,
  stillOpen: count.describe(
    "the customer's transactions not completed or cancelled: erase again once they settle",
  ),
  auditEntriesUnchanged: count.describe(
    'audit entries that mention the address: the append-only audit log is never rewritten',
  ),
});

export const ERASURE_API = {
  'POST /api/v1/erasures': {
    permission: 'personal_data.erase',
    body: erasureRequestSchema,
    response: erasureResponse,
    operation: {
      id: 'eraseCustomer',
      tag: 'Privacy',
      summary: "Erase one customer's personal data (by email) from this tenant's ledger",
      description:
        "Rewrites the values at the connections' masking-rule paths and the built-in personal " +
        "fields of the customer's stored payloads, and the address in every spelling in every " +
        'text (URLs, summaries, errors, notes), to a marker. Statuses, references, amounts and ' +
        'timelines stay. Irreversible; idempotent (a second call changes nothing). Audited ' +
        'without the address: the entry carries `proof`. reason: a ticket reference.',
    },
  },
} satisfies Record<string, Spec>;
