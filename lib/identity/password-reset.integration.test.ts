// Password reset links against a real PostgreSQL: issue → redeem → the new password signs in and
// the old one does not; a link works once (also when redeemed twice at the same moment), expires,
// is ended by a newer one, and survives a refused weak password. Both steps are audited in every
// tenant of the person, never with the password.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '@/lib/db';
import { createTestDatabase } from '@/test/support/database';
import { hashPassword, verifyPassword } from './password';
import {
  issuePasswordReset,
  isPasswordResetLive,
  PASSWORD_RESET_REFUSED,
  redeemPasswordReset,
} from './password-reset';
import { PASSWORD_MIN_LENGTH } from './password-rules';
import { signIn } from './sign-in';
import { FIXTURE_KEY_RING } from '@/test/support/ledger-fixtures';

const OLD_PASSWORD = 'correct horse battery staple';
const NEW_PASSWORD = 'a brand new passphrase for waybill';
const HOUR = 60 * 60 * 1000;
const operator = { id: 'cli:ops', label: 'waybill CLI (ops)' };
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

/** A person with their own email and OLD_PASSWORD, member of both tenants. */
async function person() {
  const email = `p-${randomBytes(4).toString('hex')}@example.test`;
  const user = await db.user.create({
    data: { email, name: `Person ${email}`, passwordHash: await hashPassword(OLD_PASSWORD) },
  });
  for (const tenantId of tenants)
    await db.membership.create({ data: { tenantId, userId: user.id, role: 'support' } });
  return user;
}

const secretOf = (path: string) => path.replace(/^\/reset-password\//, '');
const issue = (email: string, over: { ttlMs?: number; now?: Date } = {}) =>
  issuePasswordReset(db, { email, actor: operator, ...over });
const redeem = (path: string, password = NEW_PASSWORD, now?: Date) =>
  redeemPasswordReset(db, { secret: secretOf(path), password, requestId: 'req-reset-1', now });
const attempt = (email: string, password: string) =>
  signIn(
    db,
    { email, password, ip: '198.51.100.7', requestId: null },
    {
      verify: verifyPassword,
      openSecret: (s: string) => FIXTURE_KEY_RING.open(s),
      throttle: null,
      log: { warn: () => undefined, info: () => undefined },
    },
  );
const refused = { code: 'CONFLICT', message: PASSWORD_RESET_REFUSED };

describe('password reset', () => {
  it('issues a link, sets the new password, clears the lockout and audits in every tenant', async () => {
    const user = await person();
    await db.user.update({
      where: { id: user.id },
      data: { failedSignIns: 0, lockedUntil: new Date(Date.now() + 10 * 60_000) },
    });
    const issued = await issue(` ${user.email.toUpperCase()} `);
    expect(issued.path).toMatch(/^\/reset-password\/[A-Za-z0-9_-]{43}$/);
    expect(issued.expiresAt.getTime() - Date.now()).toBeGreaterThan(23 * HOUR);
    expect(issued.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(24 * HOUR);
    // only the hash is stored
    const stored = await db.passwordReset.findFirstOrThrow({ where: { userId: user.id } });
    expect(stored.tokenHash).not.toContain(secretOf(issued.path));
    expect(await isPasswordResetLive(db, secretOf(issued.path))).toBe(true);

    expect(await redeem(issued.path)).toEqual({ userId: user.id });
    expect(await isPasswordResetLive(db, secretOf(issued.path))).toBe(false);
    expect(await db.user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({
      failedSignIns: 0,
      lockedUntil: null,
    });
    expect((await attempt(user.email, NEW_PASSWORD)).ok).toBe(true);
    expect(await attempt(user.email, OLD_PASSWORD)).toEqual({ ok: false, reason: 'refused' });

    const entries = await db.auditEntry.findMany({
      where: { objectId: user.id, action: { startsWith: 'auth.password_reset' } },
    });
    expect(entries.map((e) => `${e.action} ${e.tenantId}`).sort()).toEqual(
      tenants
        .flatMap((t) => [`auth.password_reset ${t}`, `auth.password_reset_issued ${t}`])
        .sort(),
    );
    const issuedEntry = entries.find((e) => e.action === 'auth.password_reset_issued');
    expect(issuedEntry).toMatchObject({ actorUserId: null, actorLabel: operator.label });
    const redeemedEntry = entries.find((e) => e.action === 'auth.password_reset');
    expect(redeemedEntry).toMatchObject({ actorUserId: user.id, requestId: 'req-reset-1' });
    const text = JSON.stringify(entries.map((e) => [e.before, e.after, e.reason]));
    expect(text).not.toContain(NEW_PASSWORD);
    expect(text).not.toContain(secretOf(issued.path));
  });

  it('refuses a second redeem of the same link, also when both arrive at once', async () => {
    const user = await person();
    const first = await issue(user.email);
    await redeem(first.path);
    await expect(redeem(first.path, 'yet another long passphrase')).rejects.toMatchObject(refused);
    expect((await attempt(user.email, NEW_PASSWORD)).ok).toBe(true);

    const second = await issue(user.email);
    const results = await Promise.allSettled([
      redeem(second.path, 'racing passphrase number one'),
      redeem(second.path, 'racing passphrase number two'),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const loser = results.find((r) => r.status === 'rejected');
    expect(loser?.reason).toMatchObject(refused);
  });

  it('refuses an expired link', async () => {
    const user = await person();
    const issued = await issue(user.email, { ttlMs: HOUR });
    await expect(
      redeem(issued.path, NEW_PASSWORD, new Date(Date.now() + HOUR + 1000)),
    ).rejects.toMatchObject(refused);
    const old = await issue(user.email, { now: new Date(Date.now() - 25 * HOUR) });
    await expect(redeem(old.path)).rejects.toMatchObject(refused);
    expect((await attempt(user.email, OLD_PASSWORD)).ok).toBe(true);
  });

  it('ends the earlier link when a new one is issued', async () => {
    const user = await person();
    const first = await issue(user.email);
    const second = await issue(user.email);
    await expect(redeem(first.path)).rejects.toMatchObject(refused);
    await redeem(second.path);
    expect((await attempt(user.email, NEW_PASSWORD)).ok).toBe(true);
  });

  it('refuses a weak password and leaves the link usable', async () => {
    const user = await person();
    const issued = await issue(user.email);
    await expect(redeem(issued.path, 'short')).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      message: `Use at least ${PASSWORD_MIN_LENGTH} characters (a few words make a good password).`,
    });
    await expect(redeem(issued.path, user.email)).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      message: 'The password may not be your email address.',
    });
    expect(await isPasswordResetLive(db, secretOf(issued.path))).toBe(true);
    await redeem(issued.path);
    expect((await attempt(user.email, NEW_PASSWORD)).ok).toBe(true);
  });

  it('answers an unknown link like a used one, and names an unknown email to the operator', async () => {
    await expect(redeem(`/reset-password/${'A'.repeat(43)}`)).rejects.toMatchObject(refused);
    await expect(redeem('/reset-password/not-a-secret')).rejects.toMatchObject(refused);
    await expect(issue('nobody@example.test')).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: 'No user has the email nobody@example.test.',
    });
    await expect(issue('someone@example.test', { ttlMs: 8 * 24 * HOUR })).rejects.toThrow(
      /at most 7 days/,
    );
  });
});
