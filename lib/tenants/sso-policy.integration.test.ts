// The single sign-on policy against a real PostgreSQL: the form's words are parsed into a role and
// a clean domain list, saved, audited with before and after (nothing when nothing changed), and
// what no tenant may set (admin, a URL for a domain, a role without domains) is refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '@/lib/db';
import { createTestDatabase } from '@/test/support/database';
import { getSsoPolicy, setSsoPolicy, ssoPolicySchema } from './sso-policy';

let db: Db;
let drop: () => Promise<void>;
let tenantId = '';
const actor = { id: '0193a5c0-0000-7000-8000-0000000000aa', label: 'Ada Admin' };

beforeAll(async () => {
  const database = await createTestDatabase();
  drop = database.drop;
  db = createDb({ connectionString: database.url, poolSize: 2 });
  tenantId = (await db.tenant.create({ data: { slug: 'sso', name: 'SSO' } })).id;
});
afterAll(async () => {
  await db?.$disconnect();
  await drop?.();
});

const entries = () =>
  db.auditEntry.findMany({
    where: { tenantId, action: 'tenant.sso_changed' },
    orderBy: { seq: 'asc' },
    select: { before: true, after: true, actorLabel: true },
  });

describe('the single sign-on policy', () => {
  it('starts with nobody joining, then saves a role and a cleaned domain list, audited', async () => {
    expect(await getSsoPolicy(db, tenantId)).toEqual({ ssoJitRole: null, ssoJitDomains: [] });
    const set = await setSsoPolicy(db, tenantId, {
      role: 'viewer',
      domains: ' Example.COM, @mail.example.co.uk\nexample.com ',
      actor,
      requestId: 'req-sso-1',
    });
    expect(set).toEqual({
      changed: true,
      policy: { ssoJitRole: 'viewer', ssoJitDomains: ['example.com', 'mail.example.co.uk'] },
    });
    expect(await getSsoPolicy(db, tenantId)).toEqual(set.policy);
    expect(await entries()).toEqual([
      {
        actorLabel: 'Ada Admin',
        before: { ssoJitRole: null, ssoJitDomains: [] },
        after: { ssoJitRole: 'viewer', ssoJitDomains: ['example.com', 'mail.example.co.uk'] },
      },
    ]);
  });

  it('writes nothing when nothing changed, and can switch joining off again', async () => {
    const again = await setSsoPolicy(db, tenantId, {
      role: 'viewer',
      domains: 'mail.example.co.uk example.com',
      actor,
    });
    expect(again.changed).toBe(false);
    expect(await entries()).toHaveLength(1);
    const off = await setSsoPolicy(db, tenantId, { role: '', domains: '', actor });
    expect(off.policy).toEqual({ ssoJitRole: null, ssoJitDomains: [] });
    expect((await entries()).at(-1)?.before).toMatchObject({ ssoJitRole: 'viewer' });
  });

  it('refuses admin, things that are not domains, and a role without a domain', () => {
    const problem = (input: { role?: string; domains?: string }) => {
      const result = ssoPolicySchema.safeParse(input);
      return result.success ? null : result.error.issues.map((i) => i.message).join('; ');
    };
    expect(problem({ role: 'admin', domains: 'example.com' })).toMatch(/choose support/);
    expect(problem({ role: 'viewer', domains: 'https://example.com' })).toMatch(/email domains/);
    expect(problem({ role: 'viewer', domains: 'localhost' })).toMatch(/email domains/);
    expect(problem({ role: 'viewer', domains: 'a@example.com' })).toMatch(/email domains/);
    expect(problem({ role: 'viewer', domains: '' })).toMatch(/at least one email domain/);
    expect(problem({ role: '', domains: 'example.com' })).toBeNull();
    const many = Array.from({ length: 21 }, (_, i) => `d${i}.example.com`).join(',');
    expect(problem({ role: 'viewer', domains: many })).toMatch(/at most 20/);
  });
});
