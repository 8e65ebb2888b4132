// Server-side sessions against a real PostgreSQL: a row per sign-in, checked by one primary-key
// lookup (lastSeenAt written at most once a minute), refused once deleted — by sign-out, "sign out
// everywhere" (audited in every tenant), a password reset, a role change or a removal — and
// expired rows swept in bounded batches. The session token is driven through the same deps
// lib/auth/options.ts wires, so a deleted row ends the token.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  nextSessionToken,
  SessionEndedError,
  type SessionToken,
  type TokenDeps,
} from '@/lib/auth/session-token';
import { createDb, type Db, type Role } from '@/lib/db';
import { changeRole } from '@/lib/members/change-role';
import { removeMember } from '@/lib/members/remove-member';
import { createTestDatabase } from '@/test/support/database';
import { hashPassword } from './password';
import { issuePasswordReset, redeemPasswordReset } from './password-reset';
import { ADDRESS_MAX, TOUCH_EVERY_MS, USER_AGENT_MAX } from './session-record';
import {
  checkUserSession,
  deleteExpiredUserSessions,
  endOwnUserSession,
  endUserSession,
  endUserSessions,
  moveUserSession,
  signOutEverywhere,
  startUserSession,
} from './user-session';
import { listOwnSessions } from './user-sessions.presenter';

const MIN = 60_000;
const limits = { idleMs: 30 * MIN, maxMs: 12 * 60 * MIN };
let db: Db;
let drop: () => Promise<void>;
const tenants: Record<'acme' | 'globex', string> = { acme: '', globex: '' };

beforeAll(async () => {
  const database = await createTestDatabase();
  drop = database.drop;
  db = createDb({ connectionString: database.url, poolSize: 4 });
  for (const slug of ['acme', 'globex'] as const)
    tenants[slug] = (
      await db.tenant.create({ data: { slug, name: slug }, select: { id: true } })
    ).id;
});
afterAll(async () => {
  await db?.$disconnect();
  await drop?.();
});

const unique = () => randomBytes(4).toString('hex');

async function person(roles: Partial<Record<'acme' | 'globex', Role>> = { acme: 'support' }) {
  const email = `s-${unique()}@example.test`;
  const user = await db.user.create({
    data: { email, name: `Person ${email}`, passwordHash: await hashPassword('old password 123') },
    select: { id: true, email: true, name: true },
  });
  for (const [slug, role] of Object.entries(roles))
    await db.membership.create({
      data: { tenantId: tenants[slug as 'acme'], userId: user.id, role },
    });
  return user;
}

const start = (userId: string, over: { now?: Date; userAgent?: string; ip?: string } = {}) =>
  startUserSession(db, { userId, tenantId: tenants.acme, maxMs: limits.maxMs, ...over });
const check = (sessionId: string, userId: string, now?: Date) =>
  checkUserSession(db, { sessionId, userId, idleMs: limits.idleMs, now });
const rowsOf = (userId: string) => db.userSession.count({ where: { userId } });

/** The deps lib/auth/options.ts gives the jwt callback, on this database. */
const tokenDeps = (now = Date.now()): TokenDeps => ({
  now,
  limits,
  isMember: () => Promise.resolve(true),
  sessions: {
    check: (sessionId, userId) => check(sessionId, userId, new Date(now)),
    moved: (sessionId, tenantId) => moveUserSession(db, sessionId, tenantId),
  },
});

async function signedInToken(userId: string): Promise<SessionToken> {
  const { id } = await start(userId);
  return nextSessionToken<SessionToken>(
    {},
    { user: { id: userId, tenantId: tenants.acme, sessionId: id } },
    tokenDeps(),
  );
}

async function endedBecause(token: SessionToken) {
  try {
    await nextSessionToken(token, {}, tokenDeps());
    return 'still active';
  } catch (error) {
    if (error instanceof SessionEndedError) return error.verdict;
    throw error;
  }
}

describe('a session row', () => {
  it('is created at sign-in with its absolute end and the client, bounded', async () => {
    const user = await person();
    const now = new Date('2026-12-05T10:00:00Z');
    const { id, expiresAt } = await start(user.id, {
      now,
      userAgent: `Agent\u0000${'x'.repeat(1000)}`,
      ip: '203.0.113.9',
    });
    expect(expiresAt.getTime()).toBe(now.getTime() + limits.maxMs);
    const row = await db.userSession.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ userId: user.id, tenantId: tenants.acme, ip: '203.0.113.9' });
    expect(row.lastSeenAt.getTime()).toBe(now.getTime());
    expect(row.userAgent.startsWith('Agent x')).toBe(true);
    expect(row.userAgent.length).toBeLessThanOrEqual(USER_AGENT_MAX);
    const long = await start(user.id, { ip: '1'.repeat(200) });
    expect((await db.userSession.findUniqueOrThrow({ where: { id: long.id } })).ip.length).toBe(
      ADDRESS_MAX,
    );
  });

  it('is checked with one query, and lastSeenAt is written at most once a minute', async () => {
    const user = await person();
    const t0 = new Date();
    const { id } = await start(user.id, { now: t0 });
    const statements: string[] = [];
    const counted = db.$extends({
      query: {
        $allOperations({ model, operation, args, query }) {
          statements.push(`${model ?? ''}.${operation}`);
          return query(args);
        },
      },
    }) as unknown as Db;
    const at = (ms: number) => new Date(t0.getTime() + ms);
    const checkCounted = (ms: number) =>
      checkUserSession(counted, {
        sessionId: id,
        userId: user.id,
        idleMs: limits.idleMs,
        now: at(ms),
      });

    expect(await checkCounted(1_000)).toBe('active');
    expect(await checkCounted(TOUCH_EVERY_MS - 1)).toBe('active');
    expect(statements).toEqual(['UserSession.findUnique', 'UserSession.findUnique']);
    expect((await db.userSession.findUniqueOrThrow({ where: { id } })).lastSeenAt).toEqual(t0);

    statements.length = 0;
    expect(await checkCounted(TOUCH_EVERY_MS)).toBe('active');
    expect(statements).toEqual(['UserSession.findUnique', 'UserSession.updateMany']);
    expect((await db.userSession.findUniqueOrThrow({ where: { id } })).lastSeenAt).toEqual(
      at(TOUCH_EVERY_MS),
    );
  });

  it('is found through the primary key index, however many rows there are', async () => {
    const user = await person();
    const now = Date.now();
    await db.userSession.createMany({
      data: Array.from({ length: 3000 }, () => ({
        userId: user.id,
        tenantId: tenants.acme,
        lastSeenAt: new Date(now),
        expiresAt: new Date(now + limits.maxMs),
      })),
    });
    await db.$executeRawUnsafe('ANALYZE user_sessions');
    const { id } = await start(user.id);
    const plan = await db.$queryRawUnsafe<{ 'QUERY PLAN': string }[]>(
      `EXPLAIN SELECT user_id, last_seen_at, expires_at FROM user_sessions WHERE id = '${id}'::uuid LIMIT 1`,
    );
    expect(plan.map((p) => p['QUERY PLAN']).join('\n')).toMatch(
      /Index Scan using user_sessions_pkey/,
    );
    await endUserSessions(db, user.id);
  });

  it('is refused for another person, when idle, and after its absolute end', async () => {
    const [a, b] = [await person(), await person()];
    const t0 = new Date();
    const { id } = await start(a.id, { now: t0 });
    expect(await check(id, b.id, t0)).toBe('revoked');
    expect(await check(id, a.id, new Date(t0.getTime() + limits.idleMs + TOUCH_EVERY_MS))).toBe(
      'idle_expired',
    );
    expect(await check(id, a.id, new Date(t0.getTime() + limits.maxMs))).toBe('absolute_expired');
  });

  it('follows the tenant switcher', async () => {
    const user = await person({ acme: 'admin', globex: 'viewer' });
    const { id } = await start(user.id);
    await moveUserSession(db, id, tenants.globex);
    expect((await db.userSession.findUniqueOrThrow({ where: { id } })).tenantId).toBe(
      tenants.globex,
    );
  });
});

describe('the session token', () => {
  it('is refused after sign-out deleted its row, while another session of the person goes on', async () => {
    const user = await person();
    const token = await signedInToken(user.id);
    const other = await signedInToken(user.id);
    expect(typeof token.sessionId).toBe('string');
    expect(await endedBecause(token)).toBe('still active');

    expect(await endUserSession(db, token.sessionId as string)).toBe(true);
    expect(await endedBecause(token)).toBe('revoked');
    expect(await endedBecause(other)).toBe('still active');
  });

  it('is refused without a session row id (issued before server-side sessions) or with a forged one', async () => {
    const user = await person();
    const token = await signedInToken(user.id);
    expect(await endedBecause({ ...token, sessionId: undefined })).toBe('invalid');
    expect(await endedBecause({ ...token, sessionId: 'not-a-uuid' })).toBe('invalid');
    expect(
      await endedBecause({ ...token, sessionId: '00000000-0000-7000-8000-000000000000' }),
    ).toBe('revoked');
    await expect(
      nextSessionToken({}, { user: { id: user.id, tenantId: tenants.acme } }, tokenDeps()),
    ).rejects.toBeInstanceOf(SessionEndedError);
  });
});

describe('ending every session of a person', () => {
  it('signs out everywhere, this session included, audited in each of their tenants', async () => {
    const user = await person({ acme: 'support', globex: 'viewer' });
    const stranger = await person();
    const tokens = [await signedInToken(user.id), await signedInToken(user.id)];
    const theirs = await signedInToken(stranger.id);

    const { ended } = await signOutEverywhere(db, {
      userId: user.id,
      label: user.name,
      requestId: 'req-everywhere',
    });
    expect(ended).toBe(2);
    for (const token of tokens) expect(await endedBecause(token)).toBe('revoked');
    expect(await endedBecause(theirs)).toBe('still active');
    const entries = await db.auditEntry.findMany({
      where: { objectId: user.id, action: 'auth.signed_out_everywhere' },
      select: { tenantId: true, actorUserId: true, requestId: true, after: true },
    });
    expect(entries.map((e) => e.tenantId).sort()).toEqual([tenants.acme, tenants.globex].sort());
    expect(entries[0]).toMatchObject({
      actorUserId: user.id,
      requestId: 'req-everywhere',
      after: { browsersSignedOut: 2 },
    });
  });

  it('a redeemed password reset ends them; issuing one ends them only when asked', async () => {
    const user = await person();
    const operator = { id: 'cli:ops', label: 'waybill CLI (ops)' };
    const before = await signedInToken(user.id);
    const issued = await issuePasswordReset(db, { email: user.email, actor: operator });
    expect(await endedBecause(before)).toBe('still active');
    await redeemPasswordReset(db, {
      secret: issued.path.replace('/reset-password/', ''),
      password: 'a brand new passphrase for waybill',
    });
    expect(await endedBecause(before)).toBe('revoked');
    const audit = await db.auditEntry.findFirstOrThrow({
      where: { objectId: user.id, action: 'auth.password_reset' },
      select: { after: true },
    });
    expect(audit.after).toMatchObject({ browsersSignedOut: 1 });

    const later = await signedInToken(user.id);
    await issuePasswordReset(db, { email: user.email, actor: operator, endSessions: true });
    expect(await endedBecause(later)).toBe('revoked');
  });

  it('a role change ends every session of the member, in every tenant; a refused one ends none', async () => {
    const admin = await person({ acme: 'admin' });
    const member = await person({ acme: 'support', globex: 'viewer' });
    const token = await signedInToken(member.id);
    const actor = { kind: 'user' as const, userId: admin.id, name: admin.name };

    // refused (the admin's own role): nothing ends
    const adminToken = await signedInToken(admin.id);
    await expect(
      changeRole(db, tenants.acme, { userId: admin.id, role: 'viewer', actor }),
    ).rejects.toThrow(/yourself/);
    expect(await endedBecause(adminToken)).toBe('still active');

    await changeRole(db, tenants.acme, { userId: member.id, role: 'viewer', actor });
    expect(await endedBecause(token)).toBe('revoked');
    expect(await rowsOf(member.id)).toBe(0);
    // the same role again changes nothing and ends nothing
    const again = await signedInToken(member.id);
    await changeRole(db, tenants.acme, { userId: member.id, role: 'viewer', actor });
    expect(await endedBecause(again)).toBe('still active');
  });

  it('removing a member ends all their sessions', async () => {
    const admin = await person({ acme: 'admin' });
    const member = await person({ acme: 'finance', globex: 'viewer' });
    const tokens = [await signedInToken(member.id), await signedInToken(member.id)];
    const actor = { kind: 'user' as const, userId: admin.id, name: admin.name };
    await removeMember(db, tenants.acme, { userId: member.id, actor });
    for (const token of tokens) expect(await endedBecause(token)).toBe('revoked');
    expect(await rowsOf(member.id)).toBe(0);
  });
});

describe('the person’s own list', () => {
  it('shows their live sessions, marks the current one, and ends only their own', async () => {
    const user = await person();
    const stranger = await person();
    const now = new Date();
    const current = await start(user.id, { now, userAgent: 'Browser A', ip: '198.51.100.1' });
    const other = await start(user.id, { now, userAgent: 'Browser B' });
    await db.userSession.create({
      data: {
        userId: user.id,
        tenantId: tenants.acme,
        lastSeenAt: new Date(now.getTime() - limits.maxMs),
        expiresAt: new Date(now.getTime() - 1),
      },
    });
    const theirs = await start(stranger.id);

    const list = await listOwnSessions(db, { userId: user.id, currentSessionId: current.id, now });
    expect(list.map((s) => s.id).sort()).toEqual([current.id, other.id].sort());
    expect(list.find((s) => s.current)).toMatchObject({ id: current.id, userAgent: 'Browser A' });

    expect(await endOwnUserSession(db, { userId: user.id, sessionId: theirs.id })).toBe(false);
    expect(await check(theirs.id, stranger.id)).toBe('active');
    expect(await endOwnUserSession(db, { userId: user.id, sessionId: other.id })).toBe(true);
    expect(await check(other.id, user.id)).toBe('revoked');
  });
});

describe('expired rows', () => {
  it('are deleted in bounded batches, oldest first, live rows untouched', async () => {
    await db.userSession.deleteMany({ where: { expiresAt: { lte: new Date() } } });
    const user = await person();
    const now = new Date();
    // the live row first: a sign-in (start) sweeps expired rows itself
    const live = await start(user.id, { now });
    const expired = [];
    for (let i = 5; i >= 1; i--)
      expired.push(
        (
          await db.userSession.create({
            data: {
              userId: user.id,
              tenantId: tenants.acme,
              lastSeenAt: now,
              expiresAt: new Date(now.getTime() - i * MIN),
            },
            select: { id: true },
          })
        ).id,
      );

    expect(await deleteExpiredUserSessions(db, { now, limit: 3 })).toBe(3);
    const left = await db.userSession.findMany({
      where: { userId: user.id },
      select: { id: true },
    });
    expect(left.map((r) => r.id).sort()).toEqual([expired[3], expired[4], live.id].sort());

    // a sign-in sweeps the rest
    await start(user.id, { now });
    expect(await db.userSession.count({ where: { expiresAt: { lte: now } } })).toBe(0);
    expect(await check(live.id, user.id, now)).toBe('active');
  });
});
