// queryRows runs a statement on the client's pool and gives the rows $queryRaw would give for the
// column types the hot statements return; inside an interactive transaction it joins it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '@/test/support/database';
import { Prisma } from './generated/client';
import { createDb, queryRows, type Db } from '.';

let db: Db;
let drop: () => Promise<void>;
let url: string;

beforeAll(async () => {
  const database = await createTestDatabase();
  drop = database.drop;
  url = database.url;
  db = createDb({ connectionString: database.url, poolSize: 2 });
});

afterAll(async () => {
  await db.$disconnect();
  await drop();
});

interface Row {
  id: string;
  label: string | null;
  n: number;
  yes: boolean;
  at: Date;
  doc: unknown;
  tags: string[];
  empty: string[];
}

describe('queryRows', () => {
  it('gives the same rows as $queryRaw for text, uuid, int4, boolean, timestamptz, jsonb, text[]', async () => {
    const at = new Date('2026-12-07T08:00:00.123Z');
    const doc = { a: [1, 'two', null], b: { c: true }, 'quote"d': 'back\\slash' };
    const ids = ['0190f0a0-0000-7000-8000-000000000001', '0190f0a0-0000-7000-8000-000000000002'];
    const tags = ['plain', 'with "quotes"', 'with,comma', 'back\\slash', null];
    const viaPool = await queryRows<Row>(db)`
      SELECT x.id::text, ${null}::text AS label, ${41}::int + 1 AS n, ${true}::boolean AS yes,
             ${at}::timestamptz AS at, ${JSON.stringify(doc)}::jsonb AS doc,
             ${tags}::text[] AS tags, '{}'::text[] AS empty
      FROM unnest(${ids}::uuid[]) AS x(id) ORDER BY x.id`;
    const viaPrisma = await db.$queryRaw<Row[]>`
      SELECT x.id::text, ${null}::text AS label, ${41}::int + 1 AS n, ${true}::boolean AS yes,
             ${at}::timestamptz AS at, ${JSON.stringify(doc)}::jsonb AS doc,
             ${tags}::text[] AS tags, '{}'::text[] AS empty
      FROM unnest(${ids}::uuid[]) AS x(id) ORDER BY x.id`;
    expect(viaPool).toEqual(viaPrisma);
    expect(viaPool[0]).toEqual({
      id: ids[0],
      label: null,
      n: 42,
      yes: true,
      at,
      doc,
      tags,
      empty: [],
    });
  });

  it('runs on the pool for the client createDb built: int8 comes back as pg gives it (the documented limit)', async () => {
    expect(await queryRows<{ big: unknown }>(db)`SELECT 1::int8 AS big`).toEqual([{ big: '1' }]);
    expect(await db.$queryRaw<{ big: unknown }[]>`SELECT 1::int8 AS big`).toEqual([{ big: 1n }]);
  });

  it('runs inside an interactive transaction when given its client, and rolls back with it', async () => {
    await db.$executeRawUnsafe('CREATE TABLE raw_query_probe (v text)');
    await expect(
      db.$transaction(async (tx) => {
        await queryRows(tx)`INSERT INTO raw_query_probe (v) VALUES (${'inside'})`;
        const seen = await queryRows<{ v: string }>(tx)`SELECT v FROM raw_query_probe`;
        expect(seen).toEqual([{ v: 'inside' }]);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await queryRows(db)`SELECT v FROM raw_query_probe`).toEqual([]);
  });

  it('prepares each statement once per connection, under a name per text; not when told not to', async () => {
    const one = createDb({ connectionString: url, poolSize: 1 });
    const unprepared = createDb({ connectionString: url, poolSize: 1, preparedStatements: false });
    const named = async (client: Db) =>
      (
        await queryRows<{ name: string }>(client)`
          SELECT name FROM pg_prepared_statements WHERE name LIKE 'wb\_%' ORDER BY name`
      ).map((r) => r.name);
    try {
      const labelled = (label: string) => queryRows<{ v: string }>(one)`SELECT ${label}::text AS v`;
      expect(await labelled('a')).toEqual([{ v: 'a' }]);
      expect(await labelled('b')).toEqual([{ v: 'b' }]);
      // a fragment among the values makes the text vary: one name per text
      const ordered = (desc: boolean) =>
        queryRows<{ v: number }>(one)`
          SELECT v FROM unnest(ARRAY[1, 2]) AS x(v) ORDER BY v ${desc ? Prisma.sql`DESC` : Prisma.empty}`;
      expect(await ordered(true)).toEqual([{ v: 2 }, { v: 1 }]);
      expect(await ordered(false)).toEqual([{ v: 1 }, { v: 2 }]);
      expect(await ordered(true)).toEqual([{ v: 2 }, { v: 1 }]);
      // the two statements above, three texts, and the query that lists them
      expect(await named(one)).toHaveLength(4);
      await queryRows(unprepared)`SELECT ${'c'}::text AS v`;
      expect(await named(unprepared)).toEqual([]);
    } finally {
      await Promise.all([one.$disconnect(), unprepared.$disconnect()]);
    }
  });

  it('reports a failing statement with the database error', async () => {
    await expect(queryRows(db)`SELECT ${'not a uuid'}::uuid`).rejects.toThrow(/uuid/);
  });
});
