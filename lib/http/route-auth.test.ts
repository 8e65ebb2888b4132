import { describe, expect, it, vi } from 'vitest';
import type { Actor } from '@/lib/base/actor';
import { generateApiTokenSecret, hashApiToken } from '@/lib/identity/api-token';
import type { Db } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { authenticateRequest, authorize } from './route-auth';

const person: Actor = {
  kind: 'user',
  userId: '0190f000-0000-7000-8000-000000000001',
  email: 'sam@acme.test',
  name: 'Sam Support',
  tenantId: '0190f000-0000-7000-8000-0000000000aa',
  tenantSlug: 'acme',
  tenantName: 'Acme',
  role: 'support',
  scopes: null,
};

const SECRET = generateApiTokenSecret();

/** Only the two calls authenticateApiToken makes; the integration suite uses the real ledger. */
function fakeDb() {
  const findUnique = vi.fn(({ where }: { where: { tokenHash: string } }) =>
    Promise.resolve(
      where.tokenHash === hashApiToken(SECRET)
        ? {
            id: '0190f000-0000-7000-8000-0000000000bb',
            name: 'CI',
            scopes: ['transactions.read'],
            createdAt: new Date(),
            // issued by the CLI: no member issuer to look up
            createdById: null,
            expiresAt: null,
            lastUsedAt: new Date(),
            revokedAt: null,
            tenant: { id: person.tenantId, slug: 'acme', name: 'Acme', maxTokenLifetimeDays: 365 },
          }
        : null,
    ),
  );
  return { db: { apiToken: { findUnique } } as unknown as Db, findUnique };
}

function request(method: string, headers: Record<string, string> = {}) {
  return new Request('http://127.0.0.1:3000/api/v1/transactions', { method, headers });
}

async function codeOf(promise: Promise<unknown>): Promise<string | null> {
  try {
    await promise;
    return null;
  } catch (error) {
    return error instanceof AppError ? error.code : String(error);
  }
}

describe('authenticateRequest', () => {
  it('a bearer token wins over the session and skips the origin check', async () => {
    const { db } = fakeDb();
    const session = vi.fn(() => Promise.resolve(person));
    const actor = await authenticateRequest(
      request('POST', { authorization: `Bearer ${SECRET}`, origin: 'https://evil.test' }),
      { db, session, origin: {} },
    );
    expect(actor).toMatchObject({ kind: 'token', scopes: ['transactions.read'], role: 'admin' });
    expect(actor.userId).toBe('api:0190f000-0000-7000-8000-0000000000bb');
    expect(actor.name).toBe('API token "CI"');
    expect(session).not.toHaveBeenCalled();
  });

  it('a bad bearer is 401 even with a valid session cookie, and nothing is looked up for junk', async () => {
    const { db, findUnique } = fakeDb();
    const session = () => Promise.resolve(person);
    for (const value of [`Bearer ${generateApiTokenSecret()}`, 'Bearer junk', 'Basic abc'])
      expect(
        await codeOf(
          authenticateRequest(request('GET', { authorization: value }), {
            db,
            session,
            origin: {},
          }),
        ),
        value,
      ).toBe('UNAUTHENTICATED');
    expect(findUnique).toHaveBeenCalledTimes(1);
  });

  it('neither token nor session is 401', async () => {
    const { db } = fakeDb();
    expect(
      await codeOf(
        authenticateRequest(request('GET'), {
          db,
          session: () => Promise.resolve(null),
          origin: {},
        }),
      ),
    ).toBe('UNAUTHENTICATED');
  });

  it('a session mutation from a foreign origin is CSRF_REJECTED; from ours it passes', async () => {
    const { db } = fakeDb();
    const deps = { db, session: () => Promise.resolve(person), origin: {} };
    expect(
      await codeOf(
        authenticateRequest(
          request('POST', { origin: 'https://evil.test', host: '127.0.0.1:3000' }),
          deps,
        ),
      ),
    ).toBe('CSRF_REJECTED');
    expect(await codeOf(authenticateRequest(request('POST'), deps))).toBe('CSRF_REJECTED');
    await expect(
      authenticateRequest(
        request('POST', { origin: 'http://127.0.0.1:3000', host: '127.0.0.1:3000' }),
        deps,
      ),
    ).resolves.toBe(person);
    await expect(authenticateRequest(request('GET'), deps)).resolves.toBe(person);
  });
});

describe('authorize', () => {
  it('names the missing scope for a token and the role for a person', () => {
    const token: Actor = { ...person, kind: 'token', role: 'admin', scopes: ['transactions.read'] };
    expect(() => authorize(token, 'transactions.read')).not.toThrow();
    expect(() => authorize(token, 'transactions.replay')).toThrow(
      'this API token lacks the scope "transactions.replay"',
    );
    expect(() => authorize(person, 'tokens.manage')).toThrow('your role may not tokens.manage');
  });

  it("names the issuer's role when a token's scope is beyond it", () => {
    const token: Actor = {
      ...person,
      kind: 'token',
      role: 'viewer',
      scopes: ['transactions.read', 'transactions.replay'],
    };
    expect(() => authorize(token, 'transactions.read')).not.toThrow();
    expect(() => authorize(token, 'transactions.replay')).toThrow(
      "this API token acts with its issuer's role (viewer), which may not transactions.replay",
    );
  });
});
