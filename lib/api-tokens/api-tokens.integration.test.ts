// API tokens against a real PostgreSQL: issued once, authenticated by hash, revoked, expired,
// throttled last-used writes, audited without the secret, and invisible to other tenants.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorCan } from '@/lib/base/actor';
import { authenticateApiToken, hashApiToken } from '@/lib/identity/api-token';
import type { Db } from '@/lib/db';
import { seededLedger, seedFixtureTenant, type SeededLedger } from '@/test/support/ledger-fixtures';
import { listApiTokens } from './api-tokens.presenter';
import { issueApiToken } from './issue-api-token';
import { revokeApiToken } from './revoke-api-token';

let ledger: SeededLedger;
let db: Db;
let tenantId: string;
let otherTenantId: string;
let admin: { kind: 'user'; userId: string; name: string };

beforeAll(async () => {
  ledger = await seededLedger();
  db = ledger.db;
  tenantId = ledger.tenantId;
  otherTenantId = (await seedFixtureTenant(db, 'globex')).tenantId;
  const user = await db.user.findUniqueOrThrow({
    where: { email: 'admin@acme.test' },
    select: { id: true, name: true },
  });
  admin = { kind: 'user', userId: user.id, name: user.name };
});
afterAll(async () => {
  await ledger?.drop();
});

const issue = (over: Partial<Parameters<typeof issueApiToken>[2]> = {}) =>
  issueApiToken(db, tenantId, {
    name: 'CI pipeline',
    scopes: ['transactions.read', 'transactions.replay'],
    expiry: '30',
    actor: admin,
    requestId: 'req-issue-0001',
    ...over,
  });

const auditOf = (objectId: string) =>
  db.auditEntry.findMany({ where: { tenantId, objectId }, orderBy: { seq: 'asc' } });

describe('issue → authenticate → revoke', () => {
  it('authenticates the secret as a token actor of its tenant until it is revoked', async () => {
    const token = await issue();
    expect(token.secret.startsWith(token.prefix)).toBe(true);
    const stored = await db.apiToken.findUniqueOrThrow({ where: { id: token.id } });
    expect(stored.tokenHash).toBe(hashApiToken(token.secret));
    expect(stored.createdById).toBe(admin.userId);
    expect(JSON.stringify(stored)).not.toContain(token.secret);

    const actor = await authenticateApiToken(db, token.secret);
    expect(actor).toMatchObject({
      kind: 'token',
      userId: `api:${token.id}`,
      name: 'API token "CI pipeline"',
      tenantId,
      role: 'admin',
      scopes: ['transactions.read', 'transactions.replay'],
    });

    const revoked = await revokeApiToken(db, tenantId, {
      id: token.id,
      actor: admin,
      requestId: 'req-revoke-0001',
    });
    expect(revoked.alreadyRevoked).toBe(false);
    expect(await authenticateApiToken(db, token.secret)).toBeNull();
    // revoking again changes nothing and audits nothing more
    expect(
      (await revokeApiToken(db, tenantId, { id: token.id, actor: admin })).alreadyRevoked,
    ).toBe(true);

    const entries = await auditOf(token.id);
    expect(entries.map((e) => e.action)).toEqual(['token.issued', 'token.revoked']);
    expect(entries[0]).toMatchObject({
      actorUserId: admin.userId,
      requestId: 'req-issue-0001',
      after: expect.objectContaining({
        name: 'CI pipeline',
        scopes: ['transactions.read', 'transactions.replay'],
        prefix: token.prefix,
      }) as unknown,
    });
    expect(entries[1]?.requestId).toBe('req-revoke-0001');
  });

  it('never writes the secret (or its hash) into the audit log', async () => {
    const token = await issue({ name: 'secret-check' });
    await revokeApiToken(db, tenantId, { id: token.id, actor: admin });
    const hash = hashApiToken(token.secret);
    const [hits] = await db.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM audit_entries
      WHERE row_to_json(audit_entries)::text LIKE ${'%' + token.secret.slice(12) + '%'}
         OR row_to_json(audit_entries)::text LIKE ${'%' + hash + '%'}`;
    expect(Number(hits?.n)).toBe(0);
    expect((await auditOf(token.id)).length).toBe(2);
  });

  it('refuses unknown, expired and look-alike secrets alike', async () => {
    const now = new Date();
    const token = await issue({
      name: 'short-lived',
      now: new Date(now.getTime() - 31 * 86_400_000),
    });
    expect(await authenticateApiToken(db, token.secret, { now })).toBeNull();
    expect(
      await authenticateApiToken(db, token.secret, {
        now: new Date(now.getTime() - 2 * 86_400_000),
      }),
    ).not.toBeNull();
    expect(await authenticateApiToken(db, `wbt_${'A'.repeat(43)}`)).toBeNull();
    expect(await authenticateApiToken(db, token.secret.toUpperCase())).toBeNull();
  });

  it("refuses a token that never expires, or outlives the tenant's maximum, in words", async () => {
    for (const expiry of ['never', '366'] as const)
      await expect(issue({ name: 'forever', expiry })).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
        message: 'tokens of this organisation live at most 365 days',
        details: { fieldErrors: { expiry: ['tokens of this organisation live at most 365 days'] } },
      });
    const year = await issue({ name: 'a year', expiry: '365' });
    expect(year.expiresAt?.getTime()).toBeGreaterThan(Date.now() + 364 * 86_400_000);
  });

  it('a lowered maximum applies at issue and to tokens already issued', async () => {
    const { tenantId: lowTenant } = await seedFixtureTenant(db, `lifetime${Date.now() % 100000}`);
    await db.membership.create({
      data: { tenantId: lowTenant, userId: admin.userId, role: 'admin' },
    });
    const long = await issueApiToken(db, lowTenant, {
      name: 'ninety days',
      scopes: ['transactions.read'],
      expiry: '90',
      actor: admin,
    });
    await db.tenant.update({ where: { id: lowTenant }, data: { maxTokenLifetimeDays: 30 } });
    await expect(
      issueApiToken(db, lowTenant, {
        name: 'too long',
        scopes: ['transactions.read'],
        expiry: '90',
        actor: admin,
      }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    const in29 = new Date(Date.now() + 29 * 86_400_000);
    const in31 = new Date(Date.now() + 31 * 86_400_000);
    expect(await authenticateApiToken(db, long.secret, { now: in29 })).not.toBeNull();
    expect(await authenticateApiToken(db, long.secret, { now: in31 })).toBeNull();
  });
});

describe("the issuer's current role", () => {
  const member = async (role: 'admin' | 'support' | 'viewer') => {
    const user = await db.user.create({
      data: {
        email: `issuer-${role}-${Math.random().toString(36).slice(2)}@acme.test`,
        name: `Issuer ${role}`,
        passwordHash: 'x',
      },
      select: { id: true, name: true },
    });
    await db.membership.create({ data: { tenantId, userId: user.id, role } });
    return { kind: 'user' as const, userId: user.id, name: user.name };
  };

  it('is the ceiling: scopes beyond it do not count, and a role change applies at once', async () => {
    const issuer = await member('admin');
    const token = await issue({
      name: 'replay bot',
      scopes: ['transactions.read', 'transactions.replay', 'connections.manage'],
      actor: issuer,
    });
    const asAdmin = await authenticateApiToken(db, token.secret);
    expect(asAdmin && actorCan(asAdmin, 'connections.manage')).toBe(true);
    await db.membership.update({
      where: { tenantId_userId: { tenantId, userId: issuer.userId } },
      data: { role: 'viewer' },
    });
    const asViewer = await authenticateApiToken(db, token.secret);
    expect(asViewer?.role).toBe('viewer');
    expect(asViewer && actorCan(asViewer, 'transactions.read')).toBe(true);
    expect(asViewer && actorCan(asViewer, 'transactions.replay')).toBe(false);
    expect(asViewer && actorCan(asViewer, 'connections.manage')).toBe(false);
  });

  it('stops a token when its issuer is removed, disabled or deleted', async () => {
    for (const end of ['removed', 'disabled', 'deleted'] as const) {
      const issuer = await member('support');
      const token = await issue({ name: `issuer ${end}`, actor: issuer });
      expect(await authenticateApiToken(db, token.secret)).toMatchObject({ role: 'support' });
      if (end === 'removed')
        await db.membership.delete({
          where: { tenantId_userId: { tenantId, userId: issuer.userId } },
        });
      if (end === 'disabled')
        await db.user.update({ where: { id: issuer.userId }, data: { disabledAt: new Date() } });
      if (end === 'deleted') await db.user.delete({ where: { id: issuer.userId } });
      expect(await authenticateApiToken(db, token.secret)).toBeNull();
    }
  });

  it('a token the CLI issued has no member issuer: its scopes alone limit it', async () => {
    const token = await issue({
      name: 'deploy pipeline',
      scopes: ['connections.manage'],
      actor: { kind: 'cli', userId: 'cli:deploy', name: 'deploy (CLI)' },
    });
    expect((await db.apiToken.findUniqueOrThrow({ where: { id: token.id } })).createdById).toBe(
      null,
    );
    expect(await authenticateApiToken(db, token.secret)).toMatchObject({ role: 'admin' });
  });

  it('a token may not issue tokens', async () => {
    await expect(
      issue({ actor: { kind: 'token', userId: 'api:x', name: 'API token "x"' } }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('last used', () => {
  it('is written on first use and then at most once a minute', async () => {
    const token = await issue({ name: 'busy script' });
    const lastUsed = async () =>
      (await db.apiToken.findUniqueOrThrow({ where: { id: token.id } })).lastUsedAt?.getTime();
    const t0 = new Date(Date.now() + 1000);
    await authenticateApiToken(db, token.secret, { now: t0 });
    expect(await lastUsed()).toBe(t0.getTime());
    await authenticateApiToken(db, token.secret, { now: new Date(t0.getTime() + 30_000) });
    expect(await lastUsed()).toBe(t0.getTime());
    const t2 = new Date(t0.getTime() + 61_000);
    await authenticateApiToken(db, token.secret, { now: t2 });
    expect(await lastUsed()).toBe(t2.getTime());
  });

  it('a failed write does not fail the request', async () => {
    const token = await issue({ name: 'flaky ledger' });
    const failing = new Proxy(db, {
      get: (target, key, receiver) =>
        key === '$executeRaw'
          ? () => Promise.reject(new Error('write refused'))
          : (Reflect.get(target, key, receiver) as unknown),
    });
    const errors: unknown[] = [];
    const actor = await authenticateApiToken(failing, token.secret, {
      onTouchFailed: (e) => errors.push(e),
    });
    expect(actor?.kind).toBe('token');
    expect(errors).toHaveLength(1);
  });
});

describe('tenants', () => {
  it("another tenant's token id answers NOT_FOUND and stays live", async () => {
    await db.membership.create({
      data: { tenantId: otherTenantId, userId: admin.userId, role: 'admin' },
    });
    const theirs = await issueApiToken(db, otherTenantId, {
      name: 'globex ci',
      scopes: ['transactions.read'],
      expiry: '90',
      actor: admin,
    });
    await expect(
      revokeApiToken(db, tenantId, { id: theirs.id, actor: admin }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await authenticateApiToken(db, theirs.secret))?.tenantId).toBe(otherTenantId);
    const mine = await listApiTokens(db, tenantId);
    expect(mine.tokens.map((t) => t.id)).not.toContain(theirs.id);
  });

  it("lists the tenant's tokens with state, creator and no secret material", async () => {
    const token = await issue({ name: 'listed' });
    const { tokens } = await listApiTokens(db, tenantId);
    const row = tokens.find((t) => t.id === token.id);
    expect(row).toMatchObject({
      name: 'listed',
      prefix: token.prefix,
      state: 'active',
      createdBy: admin.name,
      lastUsedAt: null,
    });
    expect(JSON.stringify(tokens)).not.toContain(hashApiToken(token.secret));
    expect(tokens.find((t) => t.name === 'short-lived')?.state).toBe('expired');
    expect(tokens.find((t) => t.name === 'CI pipeline')?.state).toBe('revoked');
  });
});
