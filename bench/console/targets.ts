// What the console bench measures: each screen's query once through its presenter (database
// level) and once through its JSON route (API level), with varied keys. One entry per query; a
// new screen is one more entry here.
import type { Db } from '@/lib/db';
import { encodeCursor } from '@/lib/ledger/keyset-cursor';
import { listErrorGroups } from '@/lib/ledger/error-groups.presenter';
import { getOrderJourney } from '@/lib/ledger/order-journey.presenter';
import { listTransactions } from '@/lib/ledger/transaction-list.presenter';
import { getOverview } from '@/lib/overview/overview.presenter';
import { searchLedger } from '@/lib/search/search.presenter';
import { searchPayloads } from '@/lib/search/payload-search.presenter';
import type { Keys } from './keys';

export type TargetKind = 'lookup' | 'list' | 'aggregate';

/** Database p99 targets of issue 4; every route answers within API_TARGET_MS at p99. */
export const DB_TARGET_MS: Record<TargetKind, number> = { lookup: 5, list: 10, aggregate: 50 };
export const API_TARGET_MS = 150;

export interface Target {
  name: string;
  kind: TargetKind;
  /** the i-th sample's presenter call and route path (same key for both) */
  sample(i: number): { run(db: Db): Promise<unknown>; path: string };
}

const PAGE = 50;
/** A position in the keyset order past every id at that instant: the page starts right there. */
const MAX_ID = 'ffffffff-ffff-7fff-bfff-ffffffffffff';

function listSample(k: Keys, status: 'failed' | 'completed', cursor: string | undefined) {
  const flowId = k.pick(k.flowIds);
  const query = { statuses: [status], flowId, sort: 'newest' as const, limit: PAGE, cursor };
  const params = new URLSearchParams({ status, flowId, limit: String(PAGE) });
  if (cursor) params.set('cursor', cursor);
  return {
    run: (db: Db) => listTransactions(db, k.tenantId, query, { personalData: true }),
    path: `/api/v1/transactions?${params}`,
  };
}

/** A cursor 10-70 % of the way back through the data: hundreds of thousands of rows deep. */
function deepCursor(k: Keys): string {
  const span = k.newest.getTime() - k.oldest.getTime();
  const at = new Date(k.newest.getTime() - span * (0.1 + 0.6 * k.random()));
  return encodeCursor({ createdAt: at, id: MAX_ID });
}

/**
 * Payload search (docs/adr/0027): a SKU (in seed:large, each of 5 SKUs is in a fifth of the
 * orders: the planner's "common value" path) and a tracking number (one shipment: the GIN path),
 * through the API operation, and a SKU typed into the search box (every lookup of the palette).
 * Absent when the database holds no terms (loaded before payload search).
 */
function payloadTargets(k: Keys): Target[] {
  const byValue = (name: string, values: string[]): Target => ({
    name,
    kind: 'lookup',
    sample: () => {
      const value = k.pick(values);
      return {
        run: (db) => searchPayloads(db, k.tenantId, value),
        path: `/api/v1/payload-search?value=${encodeURIComponent(value)}`,
      };
    },
  });
  return [
    ...(k.skus.length ? [byValue('payload search: SKU', k.skus)] : []),
    ...(k.trackingNumbers.length
      ? [byValue('payload search: tracking number', k.trackingNumbers)]
      : []),
    ...(k.skus.length
      ? [
          {
            name: 'search: SKU',
            kind: 'lookup' as const,
            sample: () => {
              const q = k.pick(k.skus).toUpperCase();
              return {
                run: (db: Db) => searchLedger(db, k.tenantId, q, { canReadPersonalData: true }),
                path: `/api/v1/search?q=${encodeURIComponent(q)}`,
              };
            },
          },
        ]
      : []),
  ];
}

export function consoleTargets(k: Keys): Target[] {
  return [
    {
      name: 'search: order number',
      kind: 'lookup',
      sample: () => {
        const q = k.pick(k.businessKeys);
        return {
          run: (db) => searchLedger(db, k.tenantId, q, { canReadPersonalData: true }),
          path: `/api/v1/search?q=${encodeURIComponent(q)}`,
        };
      },
    },
    {
      name: 'search: provider reference',
      kind: 'lookup',
      sample: () => {
        const q = k.pick(k.externalRefs);
        return {
          run: (db) => searchLedger(db, k.tenantId, q, { canReadPersonalData: true }),
          path: `/api/v1/search?q=${encodeURIComponent(q)}`,
        };
      },
    },
    {
      name: 'search: customer email',
      kind: 'lookup',
      sample: () => {
        const q = k.pick(k.emails);
        return {
          run: (db) => searchLedger(db, k.tenantId, q, { canReadPersonalData: true }),
          path: `/api/v1/search?q=${encodeURIComponent(q)}`,
        };
      },
    },
    {
      name: 'order journey',
      kind: 'lookup',
      sample: () => {
        const key = k.pick(k.businessKeys);
        return {
          run: (db) => getOrderJourney(db, k.tenantId, key, { maskPersonalData: false }),
          path: `/api/v1/orders/${encodeURIComponent(key)}`,
        };
      },
    },
    {
      name: 'transactions: failed + flow, first page',
      kind: 'list',
      sample: () => listSample(k, 'failed', undefined),
    },
    {
      name: 'transactions: failed + flow, deep page',
      kind: 'list',
      sample: () => listSample(k, 'failed', deepCursor(k)),
    },
    {
      name: 'transactions: completed + flow, deep page',
      kind: 'list',
      sample: () => listSample(k, 'completed', deepCursor(k)),
    },
    {
      name: 'error groups: all open',
      kind: 'aggregate',
      sample: () => ({
        run: (db) => listErrorGroups(db, k.tenantId, { maskPersonalData: false }),
        path: '/api/v1/error-groups',
      }),
    },
    {
      name: 'error groups: 24h',
      kind: 'aggregate',
      sample: () => {
        const from = new Date(Date.now() - 86_400_000);
        return {
          run: (db) =>
            listErrorGroups(db, k.tenantId, { window: { from }, maskPersonalData: false }),
          path: `/api/v1/error-groups?from=${encodeURIComponent(from.toISOString())}`,
        };
      },
    },
    {
      name: 'overview: 24h aggregates',
      kind: 'aggregate',
      sample: () => ({
        run: (db) => getOverview(db, k.tenantId, { window: '24h' }),
        path: '/api/v1/overview?window=24h',
      }),
    },
    ...payloadTargets(k),
  ];
}
