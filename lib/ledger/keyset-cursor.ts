// Keyset pagination over (time, id), newest or oldest first: a page costs the same at row 50 and
// at row 5,000,000, unlike OFFSET. The cursor is opaque to clients and names a position, not a
// direction, so the same decoder serves both sort orders.
import { isUuid } from '@/lib/base/uuid';
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

export interface Keyset {
  createdAt: Date;
  id: string;
}

export type KeysetOrder = 'desc' | 'asc';

/**
 * Rows strictly after `after` in (time, id) order `order` (default newest first), on the given
 * time column. The redundant `lte`/`gte` bound is what lets PostgreSQL start the index scan at the
 * cursor: the OR alone is only a filter, and a deep page would read every row before it.
 */
export function keysetAfter<F extends string>(
  field: F,
  after: Keyset | null,
  order: KeysetOrder = 'desc',
) {
  if (!after) return {};
  const past = order === 'desc' ? 'lt' : 'gt';
  const bound = order === 'desc' ? 'lte' : 'gte';
  return {
    AND: [
      { [field]: { [bound]: after.createdAt } } as Record<F, Record<string, Date>>,
      {
        OR: [
          { [field]: { [past]: after.createdAt } } as Record<F, Record<string, Date>>,
          { [field]: after.createdAt, id: { [past]: after.id } } as Record<F, Date> & {
            id: Record<string, string>;
          },
        ],
      },
    ],
  };
}

export function encodeCursor(k: Keyset): string {
  return Buffer.from(`${k.createdAt.toISOString()}|${k.id}`).toString('base64url');
}

export function decodeCursor(cursor: string | undefined | null): Keyset | null {
  if (!cursor) return null;
  const parts = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const [iso, id] = parts;
  if (parts.length !== 2 || !iso || !id || !ISO.test(iso) || !isUuid(id)) return null;
  const createdAt = new Date(iso);
  return Number.isNaN(createdAt.getTime()) ? null : { createdAt, id };
}
