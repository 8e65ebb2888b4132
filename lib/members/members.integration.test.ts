// Users and roles against a real PostgreSQL: invitations (one-time links stored as hashes),
// accepting as a new or an existing person, single use under concurrency, expiry and revocation,
// role changes that apply on the next request, the last-admin guard, and tenant isolation. No
// password or invitation secret may ever reach the audit log.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadActor } from '@/lib/identity/load-actor';
import { hashPassword, verifyPassword } from '@/lib/identity/password';
import { createDb, type Db, type Role } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { createTestDatabase } from '@/test/support/database';
import { acceptInvitation } from './accept-invitation';
import { changeRole } from './change-role';
import { hashInvitationSecret } from './invitation-token';
import { INVITATION_MESSAGES, invitationView } from './invitation.presenter';
import { inviteMember } from './invite-member';
import { membersAndInvitations } from './members.presenter';
import { removeMember } from './remove-member';
import { revokeInvitation } from './revoke-invitation';

const PASSWORD = 'existing password 123';
let db: Db;
let drop: () => Promise<void>;
const secrets: string[] = [];
const passwords: string[] = [PASSWORD];

beforeAll(async () => {
  const database = await createTestDatabase();
  drop = database.drop;
  db = createDb({ connectionString: database.url, poolSize: 6 });
});
afterAll(async () => {
  await db?.$disconnect();
  await drop?.();
});

const unique = () => randomBytes(4).toString('hex');

/** A tenant with one admin (the actor of the tests) and optional extra members. */
async function tenantWith(extra: Role[] = []) {
  const tenant = await db.tenant.create({ data: { slug: `t-${unique()}`, name: `T ${unique()}` } });
  const admin = await user(tenant.id, 'admin');
  const others = [];
  for (const role of extra) others.push(await user(tenant.id, role));
  const actor = { kind: 'user' as const, userId: admin.id, name: admin.name };
  return { tenantId: tenant.id, tenantName: tenant.name, admin, actor, others };
}

// One hash for every person of the suite: scrypt at N=2^17 takes a noticeable fraction of a second.
let sharedHash: Promise<string> | undefined;

async function user(tenantId: string | null, role: Role = 'support') {
  const email = `u-${unique()}@example.test`;
  const passwordHash = await (sharedHash ??= hashPassword(PASSWORD));
  const row = await db.user.create({ data: { email, name: `User ${email}`, passwordHash } });
  if (tenantId) await db.membership.create({ data: { tenantId, userId: row.id, role } });
  return row;
}

const secretOf = (path: string) => {
  const secret = path.replace('/invite/', '');
  secrets.push(secret);
  return secret;
};

async function expectAppError(promise: Promise<unknown>, code: string, message?: RegExp | string) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  if (message)
    expect((error as AppError).message).toMatch(
      typeof message === 'string' ? new RegExp(message.replace(/[.()]/g, '\\$&')) : message,
    );
}

describe('inviting and accepting', () => {
  it('invite → accept as a new person: account, membership, single-use link, audit', async () => {
    const t = await tenantWith();
    const email = `New.${unique()}@Example.test`;
    const issued = await inviteMember(db, t.tenantId, { email, role: 'support', actor: t.actor });
    expect(issued.path).toMatch(/^\/invite\/[A-Za-z0-9_-]{43}$/);
    const secret = secretOf(issued.path);
    const stored = await db.invitation.findUniqueOrThrow({ where: { id: issued.id } });
    expect(stored.tokenHash).toBe(hashInvitationSecret(secret));
    expect(stored.email).toBe(email.toLowerCase());
    expect(stored.expiresAt.getTime() - stored.createdAt.getTime()).toBe(7 * 24 * 3600_000);
    expect(await invitationView(db, secret)).toMatchObject({
      state: 'valid',
      existingUser: false,
      role: 'support',
    });

    const password = `new person password ${unique()}`;
    passwords.push(password);
    const accepted = await acceptInvitation(db, { secret, name: 'Nia New', password });
    expect(accepted).toMatchObject({ newUser: true, role: 'support', email: email.toLowerCase() });
    const created = await db.user.findUniqueOrThrow({ where: { email: email.toLowerCase() } });
    expect(await verifyPassword(password, created.passwordHash)).toBe(true);
    expect((await loadActor(db, created.id, t.tenantId))?.role).toBe('support');

    await expectAppError(
      acceptInvitation(db, { secret, name: 'Again', password }),
      'CONFLICT',
      INVITATION_MESSAGES.used,
    );
    expect(await invitationView(db, secret)).toEqual({ state: 'used' });
    const actions = (
      await db.auditEntry.findMany({ where: { tenantId: t.tenantId }, orderBy: { seq: 'asc' } })
    ).map((e) => [e.action, e.actorUserId]);
    expect(actions).toEqual([
      ['member.invited', t.admin.id],
      ['member.joined', created.id],
    ]);
  });

  it('refuses a weak password, a password equal to the email, and a missing name', async () => {
    const t = await tenantWith();
    const email = `weak-${unique()}@example.test`;
    const secret = secretOf(
      (await inviteMember(db, t.tenantId, { email, role: 'viewer', actor: t.actor })).path,
    );
    await expectAppError(
      acceptInvitation(db, { secret, name: 'W', password: 'short' }),
      'VALIDATION_FAILED',
      /at least 12/,
    );
    await expectAppError(
      acceptInvitation(db, { secret, name: 'W', password: email }),
      'VALIDATION_FAILED',
      /email/,
    );
    await expectAppError(
      acceptInvitation(db, { secret, name: ' ', password: 'long enough password' }),
      'VALIDATION_FAILED',
      /name/,
    );
    expect(await db.user.count({ where: { email } })).toBe(0);
    expect(await invitationView(db, secret)).toMatchObject({ state: 'valid' });
  });

  it('an existing person joins with their current password, and keeps it', async () => {
    const home = await tenantWith();
    const t = await tenantWith();
    const existing = await user(home.tenantId, 'finance');
    const secret = secretOf(
      (
        await inviteMember(db, t.tenantId, {
          email: existing.email,
          role: 'viewer',
          actor: t.actor,
        })
      ).path,
    );
    expect(await invitationView(db, secret)).toMatchObject({ state: 'valid', existingUser: true });
    await expectAppError(
      acceptInvitation(db, { secret, currentPassword: 'not it at all' }),
      'VALIDATION_FAILED',
      /not right/,
    );
    expect((await db.user.findUniqueOrThrow({ where: { id: existing.id } })).failedSignIns).toBe(1);
    // a password for a new account is ignored: this account already has one
    await acceptInvitation(db, {
      secret,
      currentPassword: PASSWORD,
      password: 'attacker password 1',
    });
    const after = await db.user.findUniqueOrThrow({ where: { id: existing.id } });
    expect(after.passwordHash).toBe(existing.passwordHash);
    expect((await loadActor(db, existing.id, t.tenantId))?.role).toBe('viewer');
    expect((await loadActor(db, existing.id, home.tenantId))?.role).toBe('finance');
  });

  it('is single use when two accepts race', async () => {
    const t = await tenantWith();
    const email = `race-${unique()}@example.test`;
    const secret = secretOf(
      (await inviteMember(db, t.tenantId, { email, role: 'support', actor: t.actor })).path,
    );
    const results = await Promise.allSettled([
      acceptInvitation(db, { secret, name: 'One', password: 'first racer password' }),
      acceptInvitation(db, { secret, name: 'Two', password: 'second racer password' }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const [rejected] = results.filter((r) => r.status === 'rejected');
    expect((rejected as PromiseRejectedResult).reason).toMatchObject({ code: 'CONFLICT' });
    expect(await db.user.count({ where: { email } })).toBe(1);
    expect(await db.membership.count({ where: { tenantId: t.tenantId, user: { email } } })).toBe(1);
  });

  it('refuses expired links, and revoked links exactly like unknown ones', async () => {
    const t = await tenantWith();
    const eightDaysAgo = new Date(Date.now() - 8 * 24 * 3600_000);
    const expired = secretOf(
      (
        await inviteMember(db, t.tenantId, {
          email: `old-${unique()}@example.test`,
          role: 'viewer',
          actor: t.actor,
          now: eightDaysAgo,
        })
      ).path,
    );
    await expectAppError(
      acceptInvitation(db, { secret: expired, name: 'Late', password: 'too late password' }),
      'CONFLICT',
      INVITATION_MESSAGES.expired,
    );
    expect(await invitationView(db, expired)).toEqual({ state: 'expired' });

    const revoked = await inviteMember(db, t.tenantId, {
      email: `rev-${unique()}@example.test`,
      role: 'viewer',
      actor: t.actor,
    });
    await revokeInvitation(db, t.tenantId, { invitationId: revoked.id, actor: t.actor });
    const revokedSecret = secretOf(revoked.path);
    const unknownSecret = randomBytes(32).toString('base64url');
    for (const secret of [revokedSecret, unknownSecret, 'not-even-shaped']) {
      await expectAppError(
        acceptInvitation(db, { secret, name: 'X', password: 'whatever password' }),
        'NOT_FOUND',
        INVITATION_MESSAGES.invalid,
      );
      expect(await invitationView(db, secret)).toEqual({ state: 'invalid' });
    }
  });

  it('re-inviting a pending email replaces the old link', async () => {
    const t = await tenantWith();
    const email = `twice-${unique()}@example.test`;
    const first = await inviteMember(db, t.tenantId, { email, role: 'viewer', actor: t.actor });
    const second = await inviteMember(db, t.tenantId, { email, role: 'finance', actor: t.actor });
    expect(await invitationView(db, secretOf(first.path))).toEqual({ state: 'invalid' });
    expect(await invitationView(db, secretOf(second.path))).toMatchObject({
      state: 'valid',
      role: 'finance',
    });
    const screen = await membersAndInvitations(db, t.tenantId);
    expect(screen.invitations.map((i) => i.id)).toEqual([second.id]);
  });

  it('refuses to invite someone who is already a member', async () => {
    const t = await tenantWith(['viewer']);
    await expectAppError(
      inviteMember(db, t.tenantId, { email: t.others[0]!.email, role: 'admin', actor: t.actor }),
      'CONFLICT',
      /already a member/,
    );
  });
});

describe('roles and removal', () => {
  it('a role change applies on the next loadActor, audited before/after', async () => {
    const t = await tenantWith(['support']);
    const member = t.others[0]!;
    expect((await loadActor(db, member.id, t.tenantId))?.role).toBe('support');
    await changeRole(db, t.tenantId, { userId: member.id, role: 'viewer', actor: t.actor });
    expect((await loadActor(db, member.id, t.tenantId))?.role).toBe('viewer');
    const entry = await db.auditEntry.findFirstOrThrow({
      where: { tenantId: t.tenantId, action: 'member.role_changed' },
    });
    expect(entry.before).toMatchObject({ role: 'support', email: member.email });
    expect(entry.after).toMatchObject({ role: 'viewer' });
  });

  it('an admin may not change their own role or remove themselves', async () => {
    const t = await tenantWith(['admin']);
    await expectAppError(
      changeRole(db, t.tenantId, { userId: t.admin.id, role: 'viewer', actor: t.actor }),
      'CONFLICT',
      /yourself/,
    );
    await expectAppError(
      removeMember(db, t.tenantId, { userId: t.admin.id, actor: t.actor }),
      'CONFLICT',
      /yourself/,
    );
  });

  it('never demotes or removes the last admin', async () => {
    const t = await tenantWith();
    const automation = {
      kind: 'token' as const,
      userId: `api:${crypto.randomUUID()}`,
      name: 'ops token',
    };
    await expectAppError(
      changeRole(db, t.tenantId, { userId: t.admin.id, role: 'support', actor: automation }),
      'CONFLICT',
      /last admin/,
    );
    await expectAppError(
      removeMember(db, t.tenantId, { userId: t.admin.id, actor: automation }),
      'CONFLICT',
      /last admin/,
    );
    expect((await loadActor(db, t.admin.id, t.tenantId))?.role).toBe('admin');
  });

  it('two admins demoting each other at once leave one admin', async () => {
    const t = await tenantWith(['admin']);
    const other = t.others[0]!;
    const otherActor = { kind: 'user' as const, userId: other.id, name: other.name };
    const results = await Promise.allSettled([
      changeRole(db, t.tenantId, { userId: other.id, role: 'viewer', actor: t.actor }),
      changeRole(db, t.tenantId, { userId: t.admin.id, role: 'viewer', actor: otherActor }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(await db.membership.count({ where: { tenantId: t.tenantId, role: 'admin' } })).toBe(1);
  });

  it('removal ends the membership and keeps the account', async () => {
    const t = await tenantWith(['finance']);
    const member = t.others[0]!;
    await removeMember(db, t.tenantId, { userId: member.id, actor: t.actor });
    expect(await loadActor(db, member.id, t.tenantId)).toBeNull();
    expect(await db.user.findUnique({ where: { id: member.id } })).not.toBeNull();
    const entry = await db.auditEntry.findFirstOrThrow({
      where: { tenantId: t.tenantId, action: 'member.removed' },
    });
    expect(entry).toMatchObject({ objectId: member.id, before: { role: 'finance' }, after: null });
  });

  it('the screen lists members with last sign-in and lock state', async () => {
    const t = await tenantWith(['viewer']);
    const locked = t.others[0]!;
    await db.user.update({
      where: { id: locked.id },
      data: { lockedUntil: new Date(Date.now() + 60_000), lastSignInAt: new Date() },
    });
    const screen = await membersAndInvitations(db, t.tenantId);
    expect(screen.adminCount).toBe(1);
    expect(screen.members.find((m) => m.userId === locked.id)).toMatchObject({
      role: 'viewer',
      disabled: false,
    });
    expect(screen.members.find((m) => m.userId === locked.id)?.lockedUntil).not.toBeNull();
    expect(screen.members.find((m) => m.userId === t.admin.id)?.lockedUntil).toBeNull();
    expect(JSON.stringify(screen)).not.toMatch(/scrypt\$|tokenHash|passwordHash/);
  });
});

describe('tenant isolation', () => {
  it("an admin of tenant A cannot touch tenant B's members or invitations: NOT_FOUND", async () => {
    const a = await tenantWith();
    const b = await tenantWith(['support']);
    const bMember = b.others[0]!;
    const bInvite = await inviteMember(db, b.tenantId, {
      email: `b-${unique()}@example.test`,
      role: 'viewer',
      actor: b.actor,
    });
    secretOf(bInvite.path);
    await expectAppError(
      changeRole(db, a.tenantId, { userId: bMember.id, role: 'admin', actor: a.actor }),
      'NOT_FOUND',
    );
    await expectAppError(
      removeMember(db, a.tenantId, { userId: bMember.id, actor: a.actor }),
      'NOT_FOUND',
    );
    await expectAppError(
      revokeInvitation(db, a.tenantId, { invitationId: bInvite.id, actor: a.actor }),
      'NOT_FOUND',
    );
    expect((await loadActor(db, bMember.id, b.tenantId))?.role).toBe('support');
    expect((await membersAndInvitations(db, a.tenantId)).members.map((m) => m.userId)).toEqual([
      a.admin.id,
    ]);
  });
});

describe('the audit log', () => {
  it('holds no password, password hash, invitation secret or its hash', async () => {
    const rows = await db.$queryRaw<{ text: string }[]>`
      SELECT concat_ws(' ', actor_label, object_id, reason, before::text, after::text) AS text
      FROM audit_entries`;
    expect(rows.length).toBeGreaterThan(10);
    const all = rows.map((r) => r.text).join('\n');
    for (const secret of secrets) {
      expect(all).not.toContain(secret);
      expect(all).not.toContain(hashInvitationSecret(secret));
    }
    for (const password of passwords) expect(all).not.toContain(password);
    expect(all).not.toContain('scrypt$');
  });
});
