import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, keysetAfter, type Keyset } from './keyset-cursor';

const keyset: Keyset = {
  createdAt: new Date('2024-03-01T12:34:56.789Z'),
  id: '0b7e6f1c-4a8d-4c3e-9f21-5d6a7b8c9d0e',
};
const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64url');

describe('encodeCursor / decodeCursor', () => {
  it('round-trips the timestamp (to the millisecond) and id', () => {
    const decoded = decodeCursor(encodeCursor(keyset));
    expect(decoded).toEqual(keyset);
    expect(decoded?.createdAt.getTime()).toBe(keyset.createdAt.getTime());
  });

  it('round-trips an upper-case uuid', () => {
    const upper = { ...keyset, id: keyset.id.toUpperCase() };
    expect(decodeCursor(encodeCursor(upper))).toEqual(upper);
  });

  it('produces an opaque url-safe string', () => {
    const cursor = encodeCursor(keyset);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(cursor).not.toContain(keyset.id);
  });

  it('encodes ISO timestamp and id separated by a pipe', () => {
    expect(Buffer.from(encodeCursor(keyset), 'base64url').toString('utf8')).toBe(
      `2024-03-01T12:34:56.789Z|${keyset.id}`,
    );
  });
});

describe('decodeCursor rejects without throwing', () => {
  const cursor = encodeCursor(keyset);

  it.each([
    ['undefined', undefined],
    ['null', null],
    ['empty string', ''],
    ['plain garbage', 'hello world!!'],
    ['random base64url', 'AAAAAAAAAAAAAAAAAAAA'],
    ['a truncated cursor', cursor.slice(0, -4)],
    ['a cursor with appended characters', `${cursor}Zm9v`],
    ['no separator', b64(`2024-03-01T12:34:56.789Z${keyset.id}`)],
    ['no id', b64('2024-03-01T12:34:56.789Z|')],
    ['no timestamp', b64(`|${keyset.id}`)],
    ['an invalid date', b64(`not-a-date|${keyset.id}`)],
    ['an impossible date', b64(`2024-13-45T99:99:99Z|${keyset.id}`)],
    ['an id that is not a uuid', b64('2024-03-01T12:34:56.789Z|12345')],
    ['an id with SQL in it', b64("2024-03-01T12:34:56.789Z|' OR 1=1; --")],
    ['an id one character too long', b64(`2024-03-01T12:34:56.789Z|${keyset.id}a`)],
    ['swapped fields', b64(`${keyset.id}|2024-03-01T12:34:56.789Z`)],
    [
      'a JSON object',
      b64(JSON.stringify({ createdAt: '2024-03-01T12:34:56.789Z', id: keyset.id })),
    ],
    ['unicode noise', '☃☃☃|💥'],
  ])('%s -> null', (_label, value) => {
    expect(() => decodeCursor(value)).not.toThrow();
    expect(decodeCursor(value)).toBeNull();
  });
});

describe('keysetAfter', () => {
  it('adds no filter on the first page', () => {
    expect(keysetAfter('createdAt', null)).toEqual({});
  });

  it('selects rows strictly after the cursor in (time desc, id desc) order on the named column', () => {
    const at = new Date('2026-11-22T10:00:00.000Z');
    expect(keysetAfter('receivedAt', { createdAt: at, id: 'b' })).toEqual({
      AND: [
        { receivedAt: { lte: at } },
        { OR: [{ receivedAt: { lt: at } }, { receivedAt: at, id: { lt: 'b' } }] },
      ],
    });
  });

  it('selects rows strictly after the cursor in (time asc, id asc) order', () => {
    const at = new Date('2026-11-22T10:00:00.000Z');
    expect(keysetAfter('createdAt', { createdAt: at, id: 'b' }, 'asc')).toEqual({
      AND: [
        { createdAt: { gte: at } },
        { OR: [{ createdAt: { gt: at } }, { createdAt: at, id: { gt: 'b' } }] },
      ],
    });
  });

  it('is explicit about newest first being the default', () => {
    const at = new Date('2026-11-22T10:00:00.000Z');
    expect(keysetAfter('createdAt', { createdAt: at, id: 'b' })).toEqual(
      keysetAfter('createdAt', { createdAt: at, id: 'b' }, 'desc'),
    );
  });
});
