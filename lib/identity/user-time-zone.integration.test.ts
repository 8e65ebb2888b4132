// A person's time zone against a real PostgreSQL: set, read back canonical, cleared, and a name
// Intl does not know refused without touching the stored choice.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '@/lib/db';
import { createTestDatabase } from '@/test/support/database';
import { findUserTimeZone, setUserTimeZone } from './user-time-zone';

let db: Db;
let drop: () => Promise<void>;
let userId: string;

beforeAll(async () => {
  const database = await createTestDatabase();
  drop = database.drop;
  db = createDb({ connectionString: database.url, poolSize: 2 });
  ({ id: userId } = await db.user.create({
    data: {
      email: `tz-${randomBytes(4).toString('hex')}@example.test`,
      name: 'Zoe Zone',
      passwordHash: 'not-a-real-hash',
    },
    select: { id: true },
  }));
});

afterAll(async () => {
  await db?.$disconnect();
  await drop?.();
});

describe('a person time zone', () => {
  it('is null until chosen: the browser zone applies', async () => {
    expect(await findUserTimeZone(db, userId)).toBeNull();
  });

  it('is stored, read back, and cleared', async () => {
    expect(await setUserTimeZone(db, { userId, timeZone: 'America/New_York' })).toEqual({
      ok: true,
      timeZone: 'America/New_York',
    });
    expect(await findUserTimeZone(db, userId)).toBe('America/New_York');
    expect(await setUserTimeZone(db, { userId, timeZone: 'Etc/UTC' })).toEqual({
      ok: true,
      timeZone: 'UTC',
    });
    expect(await setUserTimeZone(db, { userId, timeZone: null })).toEqual({
      ok: true,
      timeZone: null,
    });
    expect(await findUserTimeZone(db, userId)).toBeNull();
  });

  it('refuses a name that is not a zone and keeps the stored choice', async () => {
    await setUserTimeZone(db, { userId, timeZone: 'Europe/Berlin' });
    expect(await setUserTimeZone(db, { userId, timeZone: 'Mars/Olympus' })).toEqual({ ok: false });
    expect(await findUserTimeZone(db, userId)).toBe('Europe/Berlin');
  });

  it('reads a stored name this runtime does not know as no choice', async () => {
    await db.user.update({ where: { id: userId }, data: { timeZone: 'Nowhere/Gone' } });
    expect(await findUserTimeZone(db, userId)).toBeNull();
  });
});
