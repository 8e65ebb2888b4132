// A person changes their own password against a real PostgreSQL: the current password is checked
// (a wrong one counts toward the lockout), the new one meets the rules and differs, the other
// sessions end while the one it was changed from stays, and the change is audited in every tenant
// of the person, never with a password.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '@/lib/db';
import { createTestDatabase } from '@/test/support/database';
import {
  changeOwnPassword,
  CURRENT_PASSWORD_MISSING,
  SAME_PASSWORD,
  WRONG_CURRENT_PASSWORD,
} from './change-password';
import { DEFAULT_LOCKOUT } from './lockout';
import { hashPassword, verifyPassword } from './password';
import { startUserSession } from './user-session';

const OLD_PASSWORD = 'correct horse battery staple';
const NEW_PASSWORD = 'a brand new passphrase for waybill';
let db: Db;
let drop: () => Promise<void>;
const tenants: string[] = [];

beforeAll(async () => {
  const database = await createTestDatabase();
  drop = database.drop;
  db = createDb({ connectionString: database.url, poolSize: 4 });
  for (const slug of ['acme', 'globex'])
    tenants.push((await db.tenant.create({ data: { slug, name: slug }, select: { id: true } })).id);
});
afterAll(async () => {
  await db?.$disconnect();
  await drop?.();
});

async function person() {
  const email = `p-${randomBytes(4).toString('hex')}@example.test`;
  const user = await db.user.create({
    data: { email, name: `Person ${email}`, passwordHash: await hashPassword(OLD_PASSWORD) },
  });
  for (const tenantId of tenants)
    await db.membership.create({ data: { tenantId, userId: user.id, role: 'support' } });
  return user;
}

const session = (userId: string) =>
  startUserSession(db, { userId, tenantId: tenants[0] ?? '', maxMs: 60 * 60_000 });

const change = (
  user: { id: string; name: string },
  current: string,
  next: string,
  currentSessionId: string | null = null,
) =>
  changeOwnPassword(db, {
    userId: user.id,
    label: user.name,
    currentSessionId,
    current,
    next,
    requestId: 'req-change-1',
  });

const storedHash = async (id: string) =>
  (await db.user.findUniqueOrThrow({ where: { id } })).passwordHash ?? '';

describe('changing your own password', () => {
  it('sets the new password, ends the other sessions, keeps this one and audits everywhere', async () => {
    const user = await person();
    const here = await session(user.id);
    const others = [await session(user.id), await session(user.id)];

    expect(await change(user, OLD_PASSWORD, NEW_PASSWORD, here.id)).toEqual({
      otherSessionsEnded: 2,
    });
    const hash = await storedHash(user.id);
    expect(await verifyPassword(NEW_PASSWORD, hash)).toBe(true);
    expect(await verifyPassword(OLD_PASSWORD, hash)).toBe(false);
    const left = await db.userSession.findMany({ where: { userId: user.id } });
    expect(left.map((s) => s.id)).toEqual([here.id]);
    expect(others.every((o) => !left.some((s) => s.id === o.id))).toBe(true);

    const entries = await db.auditEntry.findMany({
      where: { objectId: user.id, action: 'auth.password_changed' },
    });
    expect(entries.map((e) => e.tenantId).sort()).toEqual([...tenants].sort());
    expect(entries[0]).toMatchObject({ actorUserId: user.id, requestId: 'req-change-1' });
    expect(entries[0]?.after).toEqual({ browsersSignedOut: 2 });
    const text = JSON.stringify(entries.map((e) => [e.before, e.after, e.reason]));
    expect(text).not.toContain(NEW_PASSWORD);
    expect(text).not.toContain(OLD_PASSWORD);
  });

  it('ends every session when it is not made from one', async () => {
    const user = await person();
    await session(user.id);
    expect(await change(user, OLD_PASSWORD, NEW_PASSWORD)).toEqual({ otherSessionsEnded: 1 });
    expect(await db.userSession.count({ where: { userId: user.id } })).toBe(0);
  });

  it('refuses a wrong current password, counts it toward the lockout and changes nothing', async () => {
    const user = await person();
    const here = await session(user.id);
    const other = await session(user.id);
    await expect(
      change(user, 'not my password at all', NEW_PASSWORD, here.id),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED', message: WRONG_CURRENT_PASSWORD });
    expect(await db.user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({
      failedSignIns: 1,
    });
    expect(await verifyPassword(OLD_PASSWORD, await storedHash(user.id))).toBe(true);
    expect(await db.userSession.count({ where: { id: other.id } })).toBe(1);

    // the rest of the run locks the account: then even the right password is refused
    for (let i = 1; i < DEFAULT_LOCKOUT.maxFailures; i += 1)
      await expect(change(user, `wrong guess number ${i}`, NEW_PASSWORD)).rejects.toMatchObject({
        message: WRONG_CURRENT_PASSWORD,
      });
    const locked = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(locked.lockedUntil?.getTime()).toBeGreaterThan(Date.now());
    await expect(change(user, OLD_PASSWORD, NEW_PASSWORD)).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    expect(await verifyPassword(OLD_PASSWORD, await storedHash(user.id))).toBe(true);
  });

  it('refuses a missing current password without counting it toward the lockout', async () => {
    const user = await person();
    await expect(change(user, '', NEW_PASSWORD)).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      message: CURRENT_PASSWORD_MISSING,
    });
    expect(await db.user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({
      failedSignIns: 0,
      lockedUntil: null,
    });
    expect(await verifyPassword(OLD_PASSWORD, await storedHash(user.id))).toBe(true);
  });

  it('refuses the same password and one that breaks the rules, leaving the old one', async () => {
    const user = await person();
    await expect(change(user, OLD_PASSWORD, OLD_PASSWORD)).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      message: SAME_PASSWORD,
    });
    await expect(change(user, OLD_PASSWORD, 'short')).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    await expect(change(user, OLD_PASSWORD, user.email)).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    expect(await verifyPassword(OLD_PASSWORD, await storedHash(user.id))).toBe(true);
    expect(await db.auditEntry.count({ where: { objectId: user.id } })).toBe(0);
  });
});
