// Single sign-on decisions against a real PostgreSQL: every branch of resolveOidcSignIn — the
// verified-email rule, existing members (tenant as password sign-in picks it), the (issuer,
// subject) link surviving an email change and refusing a moved email, disabled
// accounts, invitations (new and existing users, expired and revoked ones ignored), the
// email-domain rule (role, no role, two tenants claiming one domain), nothing to join, and two
// first sign-ins at once.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db, type Role } from '@/lib/db';
import { createTestDatabase } from '@/test/support/database';
import { verifyPassword } from './password';
import { resolveOidcSignIn, type OidcSignInInput } from './oidc-sign-in';
import { isUnusablePasswordHash } from './unusable-password';

const ISSUER = 'https://id.example.test';
let db: Db;
let drop: () => Promise<void>;

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
const NOW = new Date('2026-12-06T10:00:00Z');

async function tenant(policy: { ssoJitRole?: Role; ssoJitDomains?: string[] } = {}) {
  const slug = `t-${unique()}`;
  return db.tenant.create({ data: { slug, name: slug, ...policy }, select: { id: true } });
}

/** A user with a real password hash and the given memberships, oldest first. */
async function person(tenantIds: string[], over: { disabledAt?: Date; lockedUntil?: Date } = {}) {
  const email = `p-${unique()}@example.test`;
  const user = await db.user.create({
    data: { email, name: `Person ${email}`, passwordHash: 'scrypt$1$1$1$AA==$AA==', ...over },
  });
  for (const [i, tenantId] of tenantIds.entries())
    await db.membership.create({
      data: { tenantId, userId: user.id, role: 'support', createdAt: new Date(NOW.getTime() + i) },
    });
  return user;
}

const signIn = (over: Partial<OidcSignInInput> & { email: string }) =>
  resolveOidcSignIn(db, {
    issuer: ISSUER,
    subject: `sub-${unique()}`,
    emailVerified: true,
    name: 'Ada Lovelace',
    now: NOW,
    requestId: 'req-oidc-0001',
    ip: '198.51.100.7',
    ...over,
  });

const audits = (userId: string) =>
  db.auditEntry.findMany({
    where: { objectId: userId },
    orderBy: { id: 'asc' },
    select: { tenantId: true, action: true, after: true, actorUserId: true },
  });
const links = (userId: string) =>
  db.userIdentity.findMany({ where: { userId }, select: { issuer: true, subject: true } });

async function invite(tenantId: string, email: string, over: Record<string, unknown> = {}) {
  return db.invitation.create({
    data: {
      tenantId,
      email,
      role: 'finance',
      tokenHash: randomBytes(32).toString('hex'),
      expiresAt: new Date(NOW.getTime() + 86_400_000),
      createdAt: new Date(NOW.getTime() - 1000),
      ...over,
    },
  });
}

describe('the verified email', () => {
  it('refuses an email the provider has not verified, even a member’s, and links nothing', async () => {
    const t = await tenant();
    const user = await person([t.id]);
    const result = await signIn({ email: user.email, emailVerified: false });
    expect(result).toEqual({ ok: false, reason: 'email_not_verified' });
    expect(await links(user.id)).toEqual([]);
    expect(await audits(user.id)).toEqual([]);
  });
});

describe('an existing member', () => {
  it('signs in to the first tenant joined, links the subject, and is audited in every tenant', async () => {
    const [a, b] = [await tenant(), await tenant()];
    const user = await person([a.id, b.id]);
    const result = await signIn({ email: user.email.toUpperCase(), subject: 'sub-existing-1' });
    expect(result).toEqual({
      ok: true,
      how: 'existing',
      user: { id: user.id, email: user.email, name: user.name, tenantId: a.id },
    });
    expect(await links(user.id)).toEqual([{ issuer: ISSUER, subject: 'sub-existing-1' }]);
    const row = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.lastSignInAt).toEqual(NOW);
    const entries = await audits(user.id);
    expect(entries.map((e) => [e.tenantId, e.action])).toEqual([
      [a.id, 'auth.signed_in'],
      [b.id, 'auth.signed_in'],
    ]);
    expect(entries[0]?.after).toMatchObject({ method: 'oidc', issuer: ISSUER, how: 'existing' });
    expect(entries[0]?.actorUserId).toBe(user.id);
  });

  it('keeps the account when the email changes at the provider (matched by subject first)', async () => {
    const t = await tenant();
    const user = await person([t.id]);
    expect((await signIn({ email: user.email, subject: 'sub-moves' })).ok).toBe(true);
    const later = await signIn({ email: `renamed-${unique()}@example.test`, subject: 'sub-moves' });
    expect(later).toMatchObject({ ok: true, how: 'existing', user: { id: user.id } });
    // the console's email stays what it was: password sign-in and invitations go by it
    expect(later.ok && later.user.email).toBe(user.email);
  });

  it('refuses a subject linked to one account presenting the email of another', async () => {
    const t = await tenant();
    const [first, second] = [await person([t.id]), await person([t.id])];
    expect((await signIn({ email: first.email, subject: 'sub-first' })).ok).toBe(true);
    const result = await signIn({ email: second.email, subject: 'sub-first' });
    expect(result).toEqual({ ok: false, reason: 'identity_conflict' });
    expect(await links(second.id)).toEqual([]);
    expect((await audits(second.id)).map((e) => e.action)).toEqual(['auth.sign_in_failed']);
  });

  it('refuses another subject of the same issuer for an account already linked, not another issuer', async () => {
    const t = await tenant();
    const user = await person([t.id]);
    expect((await signIn({ email: user.email, subject: 'sub-one' })).ok).toBe(true);
    expect(await signIn({ email: user.email, subject: 'sub-two' })).toEqual({
      ok: false,
      reason: 'identity_conflict',
    });
    const other = await signIn({ email: user.email, subject: 'sub-one', issuer: 'https://b.test' });
    expect(other).toMatchObject({ ok: true, user: { id: user.id } });
    expect(await links(user.id)).toHaveLength(2);
  });

  it('refuses a disabled account, audited as a failed sign-in', async () => {
    const t = await tenant();
    const disabled = await person([t.id], { disabledAt: new Date(NOW.getTime() - 1) });
    expect(await signIn({ email: disabled.email })).toEqual({ ok: false, reason: 'disabled' });
    const [entry] = await audits(disabled.id);
    expect(entry).toMatchObject({
      action: 'auth.sign_in_failed',
      tenantId: t.id,
      actorUserId: null,
    });
    expect(entry?.after).toMatchObject({
      cause: 'disabled',
      method: 'oidc',
      email: disabled.email,
    });
    expect(await links(disabled.id)).toEqual([]);
  });

  it('signs in an account locked by wrong passwords: the lockout guards passwords only', async () => {
    // A stranger typing wrong passwords for someone's email must not keep them out of SSO.
    const t = await tenant();
    const locked = await person([t.id], { lockedUntil: new Date(NOW.getTime() + 60_000) });
    expect((await signIn({ email: locked.email })).ok).toBe(true);
  });
});

describe('an invitation', () => {
  it('creates the person with a password nothing matches, the invited role, and claims it', async () => {
    const t = await tenant();
    const email = `new-${unique()}@example.test`;
    const invitation = await invite(t.id, email);
    const result = await signIn({ email, subject: 'sub-invited' });
    expect(result).toMatchObject({ ok: true, how: 'invitation', user: { email, tenantId: t.id } });
    if (!result.ok) return;
    const user = await db.user.findUniqueOrThrow({ where: { id: result.user.id } });
    expect(user.name).toBe('Ada Lovelace');
    expect(isUnusablePasswordHash(user.passwordHash)).toBe(true);
    expect(await verifyPassword('', user.passwordHash)).toBe(false);
    const member = await db.membership.findFirstOrThrow({ where: { userId: user.id } });
    expect(member).toMatchObject({ tenantId: t.id, role: 'finance' });
    const claimed = await db.invitation.findUniqueOrThrow({ where: { id: invitation.id } });
    expect(claimed.acceptedAt).toEqual(NOW);
    const entries = await audits(user.id);
    expect(entries.map((e) => e.action)).toEqual(['member.joined', 'auth.signed_in']);
    expect(entries[0]?.after).toMatchObject({
      role: 'finance',
      invitationId: invitation.id,
      newUser: true,
      via: 'sso',
    });
    expect(await links(user.id)).toEqual([{ issuer: ISSUER, subject: 'sub-invited' }]);
  });

  it('gives an existing user without membership every pending invitation, oldest first', async () => {
    const [a, b] = [await tenant(), await tenant()];
    const user = await person([]);
    await invite(b.id, user.email, { role: 'viewer', createdAt: new Date(NOW.getTime() - 5000) });
    await invite(a.id, user.email, { role: 'admin' });
    const result = await signIn({ email: user.email });
    expect(result).toMatchObject({
      ok: true,
      how: 'invitation',
      user: { id: user.id, tenantId: b.id },
    });
    const members = await db.membership.findMany({
      where: { userId: user.id },
      select: { tenantId: true, role: true },
    });
    expect(members).toHaveLength(2);
    expect(members).toEqual(
      expect.arrayContaining([
        { tenantId: b.id, role: 'viewer' },
        { tenantId: a.id, role: 'admin' },
      ]),
    );
    const joined = (await audits(user.id)).filter((e) => e.action === 'member.joined');
    expect(joined.map((e) => (e.after as { newUser: boolean }).newUser)).toEqual([false, false]);
  });

  it('ignores expired, revoked and accepted invitations', async () => {
    const t = await tenant();
    const email = `stale-${unique()}@example.test`;
    await invite(t.id, email, { expiresAt: NOW });
    await invite(t.id, email, { revokedAt: new Date(NOW.getTime() - 1) });
    await invite(t.id, email, { acceptedAt: new Date(NOW.getTime() - 1) });
    expect(await signIn({ email })).toEqual({ ok: false, reason: 'no_membership' });
    expect(await db.user.findUnique({ where: { email } })).toBeNull();
  });
});

describe('the email-domain rule (just-in-time membership)', () => {
  it('joins the tenant that claims the domain with its role', async () => {
    const domain = `jit-${unique()}.test`;
    const t = await tenant({ ssoJitRole: 'viewer', ssoJitDomains: ['other.test', domain] });
    const email = `newcomer@${domain}`;
    const result = await signIn({ email, name: '  ' });
    expect(result).toMatchObject({ ok: true, how: 'jit', user: { email, tenantId: t.id } });
    if (!result.ok) return;
    expect(result.user.name).toBe('newcomer');
    const member = await db.membership.findFirstOrThrow({ where: { userId: result.user.id } });
    expect(member.role).toBe('viewer');
    const [joined] = await audits(result.user.id);
    expect(joined).toMatchObject({ action: 'member.joined_by_sso', tenantId: t.id });
    expect(joined?.after).toMatchObject({ role: 'viewer', domain, newUser: true });
  });

  it('prefers an invitation over the domain rule', async () => {
    const domain = `both-${unique()}.test`;
    await tenant({ ssoJitRole: 'viewer', ssoJitDomains: [domain] });
    const invited = await tenant();
    await invite(invited.id, `ann@${domain}`);
    expect(await signIn({ email: `ann@${domain}` })).toMatchObject({
      how: 'invitation',
      user: { tenantId: invited.id },
    });
  });

  it('lets nobody join by a domain without a role, nor by a subdomain', async () => {
    const domain = `norole-${unique()}.test`;
    await tenant({ ssoJitDomains: [domain] });
    await tenant({ ssoJitRole: 'admin', ssoJitDomains: [`claimed-${domain}`] });
    expect(await signIn({ email: `x@${domain}` })).toEqual({ ok: false, reason: 'no_membership' });
    expect(await signIn({ email: `x@sub.claimed-${domain}` })).toEqual({
      ok: false,
      reason: 'no_membership',
    });
    expect(await db.user.findUnique({ where: { email: `x@${domain}` } })).toBeNull();
  });

  it('refuses when two tenants claim the domain, and creates nobody', async () => {
    const domain = `twice-${unique()}.test`;
    await tenant({ ssoJitRole: 'viewer', ssoJitDomains: [domain] });
    await tenant({ ssoJitRole: 'support', ssoJitDomains: [domain] });
    expect(await signIn({ email: `y@${domain}` })).toEqual({
      ok: false,
      reason: 'ambiguous_domain',
    });
    expect(await db.user.findUnique({ where: { email: `y@${domain}` } })).toBeNull();
  });

  it('admits two first sign-ins of one person at once as one user with one membership', async () => {
    const domain = `race-${unique()}.test`;
    await tenant({ ssoJitRole: 'support', ssoJitDomains: [domain] });
    const email = `racer@${domain}`;
    const results = await Promise.all([
      signIn({ email, subject: 'sub-racer' }),
      signIn({ email, subject: 'sub-racer' }),
    ]);
    expect(results.map((r) => r.ok)).toEqual([true, true]);
    const user = await db.user.findUniqueOrThrow({ where: { email }, select: { id: true } });
    expect(await db.membership.count({ where: { userId: user.id } })).toBe(1);
    expect(await links(user.id)).toHaveLength(1);
  });
});

describe('nothing to join', () => {
  it('refuses a stranger and creates nothing', async () => {
    const email = `stranger-${unique()}@nowhere.test`;
    expect(await signIn({ email })).toEqual({ ok: false, reason: 'no_membership' });
    expect(await db.user.findUnique({ where: { email } })).toBeNull();
    expect(await db.userIdentity.count({ where: { issuer: ISSUER, subject: email } })).toBe(0);
  });
});
