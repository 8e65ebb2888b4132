// API tokens against a real PostgreSQL: issued once, authenticated by hash, revoked, expired,
// throttled last-used writes, audited without the secret, and invisible to other tenants.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

  it('a token that never expires keeps working', async () => {
    const token = await issue({ name: 'forever', expiry: 'never' });
    expect(token.expiresAt).toBeNull();
    const far = new Date(Date.now() + 5 * 365 * 86_400_000);
    expect(await authenticateApiToken(db, token.secret, { now: far })).not.toBeNull();
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
