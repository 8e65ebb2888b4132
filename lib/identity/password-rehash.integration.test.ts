// Raising the scrypt cost (to today's N from an eighth of it: 2^14 -> 2^17 in production, lower in
// these suites, vitest.config.ts) against a real PostgreSQL: a person whose stored hash
// has the old parameters still signs in, and that sign-in replaces the hash with one of today's
// parameters; a failed sign-in changes nothing; a password changed while the sign-in was being
// checked is not overwritten by the re-hash.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '@/lib/db';
import { createTestDatabase } from '@/test/support/database';
import { hashPassword, needsRehash, SCRYPT_PARAMS, verifyPassword } from './password';
import { DUMMY_HASH, signIn, type SignInDeps } from './sign-in';
import { FIXTURE_KEY_RING } from '@/test/support/ledger-fixtures';

const PASSWORD = 'correct horse battery staple';
const OLD_PARAMS = { N: SCRYPT_PARAMS.N / 8, r: 8, p: 1 };
const TODAY = `scrypt$${SCRYPT_PARAMS.N}$${SCRYPT_PARAMS.r}$${SCRYPT_PARAMS.p}$`;
let db: Db;
let drop: () => Promise<void>;
let tenantId: string;

beforeAll(async () => {
  const database = await createTestDatabase();
  drop = database.drop;
  db = createDb({ connectionString: database.url, poolSize: 2 });
  tenantId = (
    await db.tenant.create({ data: { slug: 'rehash', name: 'Rehash' }, select: { id: true } })
  ).id;
});
afterAll(async () => {
  await db?.$disconnect();
  await drop?.();
});

/** A support member whose stored hash is `passwordHash`. */
async function person(passwordHash: string) {
  const email = `r-${randomBytes(4).toString('hex')}@example.test`;
  const user = await db.user.create({ data: { email, name: email, passwordHash } });
  await db.membership.create({ data: { tenantId, userId: user.id, role: 'support' } });
  return user;
}
const storedHash = async (id: string) =>
  (await db.user.findUniqueOrThrow({ where: { id }, select: { passwordHash: true } })).passwordHash;
const log = { warn: () => undefined, info: () => undefined };
const attempt = (email: string, password: string, verify: SignInDeps['verify'] = verifyPassword) =>
  signIn(
    db,
    { email, password, ip: '198.51.100.7', requestId: null },
    { verify, throttle: null, log, openSecret: (s: string) => FIXTURE_KEY_RING.open(s) },
  );

describe('re-hash on sign-in', () => {
  it("signs in with an older, cheaper hash and stores one of today's N, which then stays", async () => {
    const old = await hashPassword(PASSWORD, OLD_PARAMS);
    expect(old.startsWith(`scrypt$${OLD_PARAMS.N}$8$1$`)).toBe(true);
    const user = await person(old);

    await expect(attempt(user.email, PASSWORD)).resolves.toMatchObject({ ok: true });
    const upgraded = await storedHash(user.id);
    expect(upgraded.startsWith(TODAY)).toBe(true);
    expect(needsRehash(upgraded)).toBe(false);
    await expect(verifyPassword(PASSWORD, upgraded)).resolves.toBe(true);

    await expect(attempt(user.email, PASSWORD)).resolves.toMatchObject({ ok: true });
    expect(await storedHash(user.id)).toBe(upgraded);
  });

  it('keeps the old hash after a wrong password', async () => {
    const old = await hashPassword(PASSWORD, OLD_PARAMS);
    const user = await person(old);
    await expect(attempt(user.email, 'not the password')).resolves.toEqual({
      ok: false,
      reason: 'refused',
    });
    expect(await storedHash(user.id)).toBe(old);
  });

  it('does not overwrite a password changed while the sign-in was checked', async () => {
    const user = await person(await hashPassword(PASSWORD, OLD_PARAMS));
    const changed = await hashPassword('a brand new password', OLD_PARAMS);
    // the change commits after the old hash was read and verified, before the sign-in's update
    const verifyThenChange: SignInDeps['verify'] = async (password, stored) => {
      const ok = await verifyPassword(password, stored);
      await db.user.update({ where: { id: user.id }, data: { passwordHash: changed } });
      return ok;
    };
    await expect(attempt(user.email, PASSWORD, verifyThenChange)).resolves.toMatchObject({
      ok: true,
    });
    expect(await storedHash(user.id)).toBe(changed);
  });

  it('verifies unknown emails against a hash of today’s cost, so they take as long', () => {
    expect(DUMMY_HASH.startsWith(TODAY)).toBe(true);
    expect(needsRehash(DUMMY_HASH)).toBe(false);
  });
});
