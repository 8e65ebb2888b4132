// The Transactions screen's filter as it travels in a URL: one schema for the page, the JSON API,
// the CSV export and anything else that acts on "what the table shows". The URL is the state, so
// a view can be shared; the page drops what it cannot read (a stale link still opens), the API
// answers 422 (a script with a typo should hear about it).
import { isUuid } from '@/lib/base/uuid';
import { z } from 'zod';
import {
  instant,
  lenientFields,
  list,
  single,
  windowError,
  windowInOrder,
  type QueryRaw,
} from '@/lib/base/query-values';
import { ErrorClass, type TransactionStatus } from '@/lib/db';
import { decodeCursor } from './keyset-cursor';
import { ALL_STATUSES } from './status';

export const SORTS = ['newest', 'oldest'] as const;
export type Sort = (typeof SORTS)[number];
export const ERROR_CLASSES = Object.values(ErrorClass);
export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 200;

export interface TransactionFilter {
  statuses: TransactionStatus[];
  flowId?: string;
  /** the target connection: transactions of the tenant's flows into it */
  connectionId?: string;
  errorClass?: ErrorClass;
  /** received (created_at) window, inclusive */
  from?: Date;
  to?: Date;
  q?: string;
  sort: Sort;
  cursor?: string;
  limit: number;
}

const fields = {
  status: z.preprocess(list, z.array(z.enum(ALL_STATUSES as [TransactionStatus]))),
  flowId: z.preprocess(single, z.uuid('unknown flow').optional()),
  connectionId: z.preprocess(single, z.uuid('unknown connection').optional()),
  errorClass: z.preprocess(single, z.enum(ERROR_CLASSES, 'unknown error class').optional()),
  from: z.preprocess(single, instant.optional()),
  to: z.preprocess(single, instant.optional()),
  q: z.preprocess(
    single,
    z
      .string()
      .trim()
      .max(200, 'search text is too long')
      .transform((s) => s || undefined)
      .optional(),
  ),
  sort: z.preprocess(single, z.enum(SORTS).default('newest')),
  cursor: z.preprocess(
    single,
    z
      .string()
      .max(200)
      .refine((c) => decodeCursor(c) !== null, 'invalid cursor')
      .optional(),
  ),
  limit: z.preprocess(single, z.coerce.number().int().min(1).max(MAX_LIMIT).default(DEFAULT_LIMIT)),
};

type Parsed = { [K in keyof typeof fields]?: z.output<(typeof fields)[K]> };

function normalise(p: Parsed): TransactionFilter {
  return {
    statuses: [...new Set(p.status ?? [])],
    ...(p.flowId && { flowId: p.flowId }),
    ...(p.connectionId && { connectionId: p.connectionId }),
    ...(p.errorClass && { errorClass: p.errorClass }),
    ...(p.from && { from: p.from }),
    ...(p.to && { to: p.to }),
    ...(p.q && { q: p.q }),
    sort: p.sort ?? 'newest',
    ...(p.cursor && { cursor: p.cursor }),
    limit: p.limit ?? DEFAULT_LIMIT,
  };
}

/** Strict: any invalid value is a ZodError (the API's 422). */
export const transactionFilterSchema = z
  .object(fields)
  .refine(windowInOrder, windowError)
  .transform(normalise);

/** Lenient: each unreadable value is dropped on its own (an unknown status too), never throws. */
export const lenientTransactionFilterSchema = z
  .object({
    ...lenientFields(fields),
    status: z.preprocess(
      (v) => list(v).filter((s) => (ALL_STATUSES as string[]).includes(s)),
      fields.status,
    ),
  })
  .transform((p) => normalise(p as Parsed));

export function parseTransactionFilter(raw: QueryRaw): TransactionFilter {
  return transactionFilterSchema.parse(raw);
}

export function readTransactionFilter(raw: QueryRaw): TransactionFilter {
  return lenientTransactionFilterSchema.parse(raw);
}

/** The filter as URL pairs; the inverse of the parsers. `cursor: null` drops the position. */
export function transactionFilterParams(
  filter: TransactionFilter,
  override: { cursor?: string | null; sort?: Sort } = {},
): [string, string][] {
  const pairs: [string, string][] = [];
  if (filter.statuses.length) pairs.push(['status', filter.statuses.join(',')]);
  if (filter.flowId) pairs.push(['flowId', filter.flowId]);
  if (filter.connectionId) pairs.push(['connectionId', filter.connectionId]);
  if (filter.errorClass) pairs.push(['errorClass', filter.errorClass]);
  if (filter.from) pairs.push(['from', filter.from.toISOString()]);
  if (filter.to) pairs.push(['to', filter.to.toISOString()]);
  if (filter.q) pairs.push(['q', filter.q]);
  const sort = override.sort ?? filter.sort;
  if (sort !== 'newest') pairs.push(['sort', sort]);
  const cursor = override.cursor === undefined ? filter.cursor : override.cursor;
  if (cursor) pairs.push(['cursor', cursor]);
  if (filter.limit !== DEFAULT_LIMIT) pairs.push(['limit', String(filter.limit)]);
  return pairs;
}

export function isFiltered(filter: TransactionFilter): boolean {
  return Boolean(
    filter.statuses.length ||
    filter.flowId ||
    filter.connectionId ||
    filter.errorClass ||
    filter.from ||
    filter.to ||
    filter.q,
  );
}

export interface TextMatch {
  /** as typed: a source object id or a target's reference */
  exact: string;
  /** "#1047" and "1047" name the same order */
  businessKey: string;
  /** emails are stored lower-cased */
  email?: string;
  transactionId?: string;
}

/** What free text can mean; each meaning is an equality on an indexed column. */
export function interpretText(q: string): TextMatch {
  const exact = q.trim();
  return {
    exact,
    businessKey: exact.replace(/^#\s*/, ''),
    ...(exact.includes('@') && { email: exact.toLowerCase() }),
    ...(isUuid(exact) && { transactionId: exact.toLowerCase() }),
  };
}
