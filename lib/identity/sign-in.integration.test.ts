// Sign-in against a real PostgreSQL and a real redis-server: the per-account lockout (five wrong
// passwords lock for 15 minutes, a success resets), the audit entries in every tenant of the
// person (never the password), the per-address throttle and its fallback when Redis is gone, and
// the session token's tenant switch re-checking the membership.
import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db, type Role } from '@/lib/db';
import { createProducerRedis } from '@/lib/queue/connection';
import { createTestDatabase } from '@/test/support/database';
import { startRedis } from '@/test/support/processes';
import { hashPassword, verifyPassword } from './password';
import { nextSessionToken, SessionEndedError, type SessionToken } from '@/lib/auth/session-token';
import { signIn, type SignInDeps } from './sign-in';
import { unusablePasswordHash } from './unusable-password';
import { redisThrottle } from './sign-in-throttle';
import { loadActor } from './load-actor';
import { checkUserSession, moveUserSession, startUserSession } from './user-session';
import { FIXTURE_KEY_RING } from '@/test/support/ledger-fixtures';

const PASSWORD = 'correct horse battery staple';
let db: Db;
let drop: () => Promise<void>;
let redisServer: Awaited<ReturnType<typeof startRedis>>;
let redis: Redis;
const tenants: Record<'acme' | 'globex', string> = { acme: '', globex: '' };
const warnings: string[] = [];
const log = { warn: (_o: object, m: string) => void warnings.push(m), info: () => undefined };

beforeAll(async () => {
  const database = await createTestDatabase();
  drop = database.drop;
  db = createDb({ connectionString: database.url, poolSize: 4 });
  for (const slug of ['acme', 'globex'] as const)
    tenants[slug] = (
      await db.tenant.create({ data: { slug, name: slug }, select: { id: true } })
    ).id;
  redisServer = await startRedis();
  redis = createProducerRedis(redisServer.url);
});
afterAll(async () => {
  redis?.disconnect();
  await redisServer?.proc.stop();
  await db?.$disconnect();
  await drop?.();
});

/** A person with their own email, member of the given tenants. */
async function person(memberships: Partial<Record<'acme' | 'globex', Role>> = { acme: 'support' }) {
  const email = `p-${randomBytes(4).toString('hex')}@example.test`;
  const user = await db.user.create({
    data: { email, name: `Person ${email}`, passwordHash: await hashPassword(PASSWORD) },
  });
  for (const [slug, role] of Object.entries(memberships))
    await db.membership.create({
      data: { tenantId: tenants[slug as 'acme'], userId: user.id, role: role },
    });
  return user;
}

const deps = (over: Partial<SignInDeps> = {}): SignInDeps => ({
  verify: verifyPassword,
  openSecret: (s: string) => FIXTURE_KEY_RING.open(s),
  throttle: null,
  log,
  ...over,
});
const attempt = (
  email: string,
  password: string,
  over: Partial<SignInDeps> = {},
  ip = '198.51.100.1',
) => signIn(db, { email, password, ip, requestId: 'req-test-0001' }, deps(over));
const audits = (userId: string) =>
  db.auditEntry.findMany({ where: { objectId: userId }, orderBy: { id: 'asc' } });
const account = (id: string) =>
  db.user.findUniqueOrThrow({
    where: { id },
    select: { failedSignIns: true, lockedUntil: true, lastSignInAt: true },
  });

describe('per-account lockout', () => {
  it('signs in with the right password, records lastSignInAt and audits in every tenant', async () => {
    const user = await person({ acme: 'admin', globex: 'viewer' });
    const result = await attempt(` ${user.email.toUpperCase()} `, PASSWORD);
    expect(result).toEqual({
      ok: true,
      user: { id: user.id, email: user.email, name: user.name, tenantId: tenants.acme },
    });
    expect((await account(user.id)).lastSignInAt).not.toBeNull();
    const entries = await audits(user.id);
    expect(entries.map((e) => [e.action, e.tenantId]).sort()).toEqual(
      [
        ['auth.signed_in', tenants.acme],
        ['auth.signed_in', tenants.globex],
      ].sort(),
    );
    expect(entries[0]).toMatchObject({ actorUserId: user.id, requestId: 'req-test-0001' });
  });

  it('locks after five wrong passwords; then even the right one is refused, alike', async () => {
    const user = await person();
    for (let i = 1; i <= 4; i++) {
      expect(await attempt(user.email, `wrong-${i}`)).toEqual({ ok: false, reason: 'refused' });
      expect((await account(user.id)).failedSignIns).toBe(i);
    }
    expect(await attempt(user.email, 'wrong-5')).toEqual({ ok: false, reason: 'refused' });
    const locked = await account(user.id);
    expect(locked.lockedUntil!.getTime() - Date.now()).toBeGreaterThan(14 * 60_000);
    expect(locked.lockedUntil!.getTime() - Date.now()).toBeLessThanOrEqual(15 * 60_000);
    // the right password changes nothing while locked: same answer as a wrong one
    expect(await attempt(user.email, PASSWORD)).toEqual({ ok: false, reason: 'refused' });
    expect(await attempt('nobody-at-all@example.test', PASSWORD)).toEqual({
      ok: false,
      reason: 'refused',
    });
    const actions = (await audits(user.id)).map((e) => e.action);
    expect(actions.filter((a) => a === 'auth.sign_in_failed')).toHaveLength(6);
    expect(actions.filter((a) => a === 'auth.locked_out')).toHaveLength(1);
    expect(actions).not.toContain('auth.signed_in');
  });

  it('unlocks after 15 minutes, and a success resets the run of failures', async () => {
    const user = await person();
    for (let i = 0; i < 5; i++) await attempt(user.email, 'nope');
    const later = new Date(Date.now() + 15 * 60_000 + 1000);
    expect((await attempt(user.email, PASSWORD, { now: () => later })).ok).toBe(true);
    expect(await account(user.id)).toMatchObject({ failedSignIns: 0, lockedUntil: null });
    for (let i = 0; i < 4; i++) await attempt(user.email, 'nope', { now: () => later });
    expect((await attempt(user.email, PASSWORD, { now: () => later })).ok).toBe(true);
    expect((await account(user.id)).failedSignIns).toBe(0);
  });

  it('counts five parallel wrong passwords as five', async () => {
    const user = await person();
    await Promise.all(Array.from({ length: 5 }, (_, i) => attempt(user.email, `bad-${i}`)));
    expect((await account(user.id)).lockedUntil).not.toBeNull();
  });

  it('refuses a disabled account with the same answer, audited', async () => {
    const user = await person();
    await db.user.update({ where: { id: user.id }, data: { disabledAt: new Date() } });
    expect(await attempt(user.email, PASSWORD)).toEqual({ ok: false, reason: 'refused' });
    const [entry] = await audits(user.id);
    expect(entry).toMatchObject({ action: 'auth.sign_in_failed', after: { cause: 'disabled' } });
  });

  it('writes no audit entry for an unknown email, and a warning without the password', async () => {
    const before = await db.auditEntry.count();
    warnings.length = 0;
    await attempt('ghost@example.test', 'ghost-password-123');
    expect(await db.auditEntry.count()).toBe(before);
    expect(warnings).toEqual(['sign-in refused: no account with this email']);
  });

  it('never stores a password in audit entries', async () => {
    const rows = await db.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM audit_entries
      WHERE concat_ws(' ', before::text, after::text, actor_label, reason) ILIKE ${'%' + PASSWORD + '%'}
         OR concat_ws(' ', before::text, after::text) ILIKE '%wrong-%'
         OR concat_ws(' ', before::text, after::text) ILIKE '%scrypt$%'`;
    expect(Number(rows[0]?.n)).toBe(0);
    expect(await db.auditEntry.count()).toBeGreaterThan(10);
  });
});

describe('per-address throttle', () => {
  const policy = { maxAttempts: 3, windowSeconds: 60 };

  it('refuses the fourth failure from one address within the window; other addresses pass', async () => {
    const throttle = redisThrottle(redis, {
      keyPrefix: `t${randomBytes(3).toString('hex')}`,
      policy,
      warn: () => {},
    });
    const user = await person();
    for (let i = 0; i < 3; i++)
      expect(await attempt(user.email, 'nope', { throttle }, '203.0.113.9')).toMatchObject({
        reason: 'refused',
      });
    expect(await attempt(user.email, PASSWORD, { throttle }, '203.0.113.9')).toEqual({
      ok: false,
      reason: 'throttled',
    });
    expect((await attempt(user.email, PASSWORD, { throttle }, '203.0.113.10')).ok).toBe(true);
  });

  it('gives the slot back on success, so colleagues behind one address are not throttled', async () => {
    const throttle = redisThrottle(redis, {
      keyPrefix: `t${randomBytes(3).toString('hex')}`,
      policy,
      warn: () => {},
    });
    const user = await person();
    for (let i = 0; i < 6; i++)
      expect((await attempt(user.email, PASSWORD, { throttle }, '203.0.113.20')).ok).toBe(true);
  });

  it('sets an expiry on every counter', async () => {
    const keyPrefix = `t${randomBytes(3).toString('hex')}`;
    const throttle = redisThrottle(redis, { keyPrefix, policy, warn: () => {} });
    await throttle.take('203.0.113.30');
    const ttl = await redis.ttl(`${keyPrefix}:sign-in:ip:203.0.113.30`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(60);
  });

  it('steps aside with a warning when Redis is unreachable: the lockout still applies', async () => {
    const down = createProducerRedis('redis://127.0.0.1:9');
    down.on('error', () => undefined);
    const said: string[] = [];
    const throttle = redisThrottle(down, {
      keyPrefix: 'x',
      policy,
      warn: (m) => void said.push(m),
    });
    try {
      const user = await person();
      expect((await attempt(user.email, PASSWORD, { throttle })).ok).toBe(true);
      expect(said[0]).toMatch(/unavailable/);
      for (let i = 0; i < 5; i++) await attempt(user.email, 'nope', { throttle });
      expect((await account(user.id)).lockedUntil).not.toBeNull();
    } finally {
      down.disconnect();
    }
  });
});

describe('session token', () => {
  const limits = { idleMs: 30 * 60_000, maxMs: 12 * 3600_000 };
  const isMember = async (userId: string, tenantId: string) =>
    (await loadActor(db, userId, tenantId)) !== null;
  // the real server-side rows (lib/identity/user-session.ts), as lib/auth/options.ts wires them
  const sessions = {
    check: (sessionId: string, userId: string) =>
      checkUserSession(db, { sessionId, userId, idleMs: limits.idleMs }),
    moved: (sessionId: string, tenantId: string) => moveUserSession(db, sessionId, tenantId),
  };
  const rowFor = async (userId: string, tenantId: string) =>
    (await startUserSession(db, { userId, tenantId, maxMs: limits.maxMs })).id;

  it('switches tenant only to one the person belongs to, checked at the time of the switch', async () => {
    const user = await person({ acme: 'admin', globex: 'viewer' });
    const now = Date.now();
    const empty: SessionToken = {};
    const sessionId = await rowFor(user.id, tenants.acme);
    const token = await nextSessionToken(
      empty,
      { user: { id: user.id, tenantId: tenants.acme, sessionId } },
      { now, limits, isMember, sessions },
    );
    const switched = await nextSessionToken(
      token,
      { trigger: 'update', session: { tenantId: tenants.globex } },
      { now, limits, isMember, sessions },
    );
    expect(switched.tenantId).toBe(tenants.globex);
    expect((await db.userSession.findUniqueOrThrow({ where: { id: sessionId } })).tenantId).toBe(
      tenants.globex,
    );
    expect((await loadActor(db, user.id, switched.tenantId!))?.role).toBe('viewer');

    await db.membership.deleteMany({ where: { userId: user.id, tenantId: tenants.acme } });
    const refused = await nextSessionToken(
      switched,
      { trigger: 'update', session: { tenantId: tenants.acme } },
      { now, limits, isMember, sessions },
    );
    expect(refused.tenantId).toBe(tenants.globex);
    const garbage = await nextSessionToken(
      switched,
      { trigger: 'update', session: { tenantId: 'acme' } },
      { now, limits, isMember, sessions },
    );
    expect(garbage.tenantId).toBe(tenants.globex);
  });

  it('ends an idle session and refreshes an active one', async () => {
    const now = Date.now();
    const user = await person({ acme: 'viewer' });
    const token = {
      userId: user.id,
      tenantId: tenants.acme,
      sessionId: await rowFor(user.id, tenants.acme),
      signedInAt: now - 60 * 60_000,
      lastActiveAt: now - 5 * 60_000,
    };
    const refreshed = await nextSessionToken(token, {}, { now, limits, isMember, sessions });
    expect(refreshed.lastActiveAt).toBe(now);
    await expect(
      nextSessionToken(
        { ...token, lastActiveAt: now - 31 * 60_000 },
        {},
        { now, limits, isMember, sessions },
      ),
    ).rejects.toBeInstanceOf(SessionEndedError);
  });
});

describe('an account made by single sign-on', () => {
  it('has no password that works, and wrong guesses do not lock it', async () => {
    const user = await person();
    await db.user.update({
      where: { id: user.id },
      data: { passwordHash: unusablePasswordHash() },
    });
    for (let i = 0; i < 6; i++)
      expect(await attempt(user.email, PASSWORD)).toEqual({ ok: false, reason: 'refused' });
    const row = await account(user.id);
    expect(row.failedSignIns).toBe(0);
    expect(row.lockedUntil).toBeNull();
  });
});
