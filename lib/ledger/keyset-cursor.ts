// Keyset pagination over (created_at DESC, id DESC): a page costs the same at row 50 and at row
// 5,000,000, unlike OFFSET. The cursor is opaque to clients.
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface Keyset {
  createdAt: Date;
  id: string;
}

/** Rows strictly after `after` in (time DESC, id DESC) order, on the given time column. */
export function keysetAfter<F extends string>(field: F, after: Keyset | null) {
  if (!after) return {};
  return {
    OR: [
      { [field]: { lt: after.createdAt } } as Record<F, { lt: Date }>,
      { [field]: after.createdAt, id: { lt: after.id } } as Record<F, Date> & {
        id: { lt: string };
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
  if (parts.length !== 2 || !iso || !id || !ISO.test(iso) || !UUID.test(id)) return null;
  const createdAt = new Date(iso);
  return Number.isNaN(createdAt.getTime()) ? null : { createdAt, id };
}
