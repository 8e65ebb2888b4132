// An admin's help for a member against a real PostgreSQL: a password reset link issued from the
// console (it works once, and may sign the member out at once), signing a member out of every
// browser, the screen's count of their browsers, and the boundaries: only members of the admin's
// own tenant, never the admin themselves, audited without the link's secret.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db, type Role } from '@/lib/db';
import { hashPassword } from '@/lib/identity/password';
import { redeemPasswordReset } from '@/lib/identity/password-reset';
import { startUserSession } from '@/lib/identity/user-session';
import { createTestDatabase } from '@/test/support/database';
import { issueMemberPasswordReset } from './member-access';
import {
  endMemberSession,
  endMemberSessions,
  listMemberSessions,
  listMembersSessions,
} from './member-sessions';
import { membersAndInvitations } from './members.presenter';

let db: Db;
let drop: () => Promise<void>;
let sharedHash: Promise<string> | undefined;

beforeAll(async () => {
  const database = await createTestDatabase();
  drop = database.drop;
  db = createDb({ connectionString: database.url, poolSize: 4 });
});
afterAll(async () => {
  await db?.$disconnect();
  await drop?.();
});

const unique = () => randomBytes(4).toString('hex');

async function user(tenantId: string, role: Role) {
  const email = `u-${unique()}@example.test`;
  const passwordHash = await (sharedHash ??= hashPassword('existing password 123'));
  const row = await db.user.create({ data: { email, name: `User ${email}`, passwordHash } });
  await db.membership.create({ data: { tenantId, userId: row.id, role } });
  return row;
}

async function tenantWithMember() {
  const tenant = await db.tenant.create({ data: { slug: `t-${unique()}`, name: 'T' } });
  const admin = await user(tenant.id, 'admin');
  const member = await user(tenant.id, 'support');
  const actor = { kind: 'user' as const, userId: admin.id, name: admin.name };
  return { tenantId: tenant.id, admin, member, actor };
}

const signIn = (userId: string, tenantId: string) =>
  startUserSession(db, { userId, tenantId, maxMs: 60 * 60_000 });

describe("an admin's help for a member", () => {
  it('issues a reset link that works once, audited without its secret', async () => {
    const { tenantId, member, actor } = await tenantWithMember();
    await signIn(member.id, tenantId);
    const issued = await issueMemberPasswordReset(db, tenantId, {
      userId: member.id,
      actor,
      requestId: 'req-admin-reset',
    });
    expect(issued.email).toBe(member.email);
    expect(issued.path).toMatch(/^\/reset-password\/[A-Za-z0-9_-]{43}$/);
    // without endSessions the member stays signed in until they use the link
    expect(await db.userSession.count({ where: { userId: member.id } })).toBe(1);

    const secret = issued.path.replace('/reset-password/', '');
    await redeemPasswordReset(db, { secret, password: 'the member chose this one' });
    await expect(
      redeemPasswordReset(db, { secret, password: 'and tried again with this one' }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });

    const entry = await db.auditEntry.findFirstOrThrow({
      where: { tenantId, objectId: member.id, action: 'auth.password_reset_issued' },
    });
    expect(entry).toMatchObject({ actorUserId: actor.userId, requestId: 'req-admin-reset' });
    expect(JSON.stringify([entry.before, entry.after, entry.reason])).not.toContain(secret);
  });

  it('signs the member out at once when asked, with the link', async () => {
    const { tenantId, member, actor } = await tenantWithMember();
    await signIn(member.id, tenantId);
    await signIn(member.id, tenantId);
    await issueMemberPasswordReset(db, tenantId, { userId: member.id, actor, endSessions: true });
    expect(await db.userSession.count({ where: { userId: member.id } })).toBe(0);
  });

  it('signs a member out of every browser, counted on the screen and audited', async () => {
    const { tenantId, admin, member, actor } = await tenantWithMember();
    await signIn(member.id, tenantId);
    await signIn(member.id, tenantId);
    const adminSession = await signIn(admin.id, tenantId);
    const before = await membersAndInvitations(db, tenantId);
    expect(before.members.find((m) => m.userId === member.id)?.sessions).toBe(2);
    expect(before.members.find((m) => m.userId === admin.id)?.sessions).toBe(1);

    expect(await endMemberSessions(db, tenantId, { userId: member.id, actor })).toEqual({
      ended: 2,
    });
    const after = await membersAndInvitations(db, tenantId);
    expect(after.members.find((m) => m.userId === member.id)?.sessions).toBe(0);
    // the admin's own session is untouched
    expect(await db.userSession.count({ where: { id: adminSession.id } })).toBe(1);
    const entry = await db.auditEntry.findFirstOrThrow({
      where: { tenantId, objectId: member.id, action: 'member.sessions_ended' },
    });
    expect(entry.after).toEqual({ browsersSignedOut: 2 });
    // nobody signed in: nothing to end, and still an answer
    expect(await endMemberSessions(db, tenantId, { userId: member.id, actor })).toEqual({
      ended: 0,
    });
  });

  it("refuses a person of another tenant and the admin's own account", async () => {
    const mine = await tenantWithMember();
    const theirs = await tenantWithMember();
    await signIn(theirs.member.id, theirs.tenantId);
    const outsider = { userId: theirs.member.id, actor: mine.actor };
    await expect(issueMemberPasswordReset(db, mine.tenantId, outsider)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(endMemberSessions(db, mine.tenantId, outsider)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(await db.userSession.count({ where: { userId: theirs.member.id } })).toBe(1);
    expect(await db.passwordReset.count({ where: { userId: theirs.member.id } })).toBe(0);

    const self = { userId: mine.admin.id, actor: mine.actor };
    await expect(issueMemberPasswordReset(db, mine.tenantId, self)).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    await expect(endMemberSessions(db, mine.tenantId, self)).rejects.toMatchObject({
      code: 'CONFLICT',
    });
  });

  it('refuses a token acting on the admin who issued it, as it refuses the admin themselves', async () => {
    const { tenantId, admin, member } = await tenantWithMember();
    const token = {
      kind: 'token' as const,
      userId: 'api:0190a0b0-0000-7000-8000-00000000abcd',
      name: 'API token "ops"',
      issuerUserId: admin.id,
    };
    await expect(
      issueMemberPasswordReset(db, tenantId, { userId: admin.id, actor: token }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(
      endMemberSessions(db, tenantId, { userId: admin.id, actor: token }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await db.passwordReset.count({ where: { userId: admin.id } })).toBe(0);
    // other members are the token's to help
    await expect(
      endMemberSessions(db, tenantId, { userId: member.id, actor: token }),
    ).resolves.toEqual({ ended: 0 });
  });

  it("lists a member's sessions and ends one of them, audited; not another tenant's, not one's own", async () => {
    const { tenantId, admin, member, actor } = await tenantWithMember();
    const older = await signIn(member.id, tenantId);
    const newer = await signIn(member.id, tenantId);
    await db.userSession.update({
      where: { id: older.id },
      data: { lastSeenAt: new Date(Date.now() - 60_000), ip: '198.51.100.9', userAgent: 'Firefox' },
    });
    const listed = await listMemberSessions(db, tenantId, member.id);
    expect(listed.map((s) => s.id)).toEqual([newer.id, older.id]);
    expect(listed[1]).toMatchObject({ ip: '198.51.100.9', userAgent: 'Firefox' });
    expect((await listMembersSessions(db, tenantId)).get(member.id)).toHaveLength(2);

    expect(
      await endMemberSession(db, tenantId, { userId: member.id, sessionId: older.id, actor }),
    ).toEqual({ ended: true });
    expect((await listMemberSessions(db, tenantId, member.id)).map((s) => s.id)).toEqual([
      newer.id,
    ]);
    // again, or a session of someone else: nothing ends
    expect(
      await endMemberSession(db, tenantId, { userId: member.id, sessionId: older.id, actor }),
    ).toEqual({ ended: false });
    const adminSession = await signIn(admin.id, tenantId);
    expect(
      await endMemberSession(db, tenantId, {
        userId: member.id,
        sessionId: adminSession.id,
        actor,
      }),
    ).toEqual({ ended: false });
    expect(await db.userSession.count({ where: { id: adminSession.id } })).toBe(1);
    const audited = await db.auditEntry.count({
      where: { tenantId, objectId: member.id, action: 'member.sessions_ended' },
    });
    expect(audited).toBe(1);

    const theirs = await tenantWithMember();
    await expect(listMemberSessions(db, tenantId, theirs.member.id)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(
      endMemberSession(db, tenantId, { userId: admin.id, sessionId: adminSession.id, actor }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
  });
});
