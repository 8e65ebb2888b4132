// The tenant's policies as code, against real PostgreSQL: policies set in the console export, and
// the document applied to an empty database gives the same; changed in the document, they are
// applied with one plan line and audited with the console's action for each policy.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setMaxTokenLifetime } from '@/lib/api-tokens/token-lifetime';
import { createDb, type Db } from '@/lib/db';
import { setPayloadRetention } from '@/lib/retention/retention-setting';
import { setSsoPolicy } from '@/lib/tenants/sso-policy';
import { auditCount, auditSince } from '@/test/support/audit-entries';
import { createTestDatabase } from '@/test/support/database';
import { FIXTURE_KEY_RING, seedFixtureTenant } from '@/test/support/ledger-fixtures';
import { recordingWaker } from '@/test/support/wakes';
import { applyConfig } from './apply-config';
import { exportConfig } from './export-config';

const OPERATOR = { id: 'cli:tester', label: 'waybill CLI (tester)' };
// the fixture's providers listen on loopback, which a new database sees as new base URLs
const APPLY = {
  actor: OPERATOR,
  keyRing: FIXTURE_KEY_RING,
  allowHosts: ['127.0.0.1'],
  wake: recordingWaker().wake,
};

const opened: { db: Db; drop: () => Promise<void> }[] = [];
async function database(): Promise<Db> {
  const created = await createTestDatabase();
  const db = createDb({ connectionString: created.url, poolSize: 2 });
  opened.push({ db, drop: created.drop });
  return db;
}

let source: Db;
let tenantId: string;

beforeAll(async () => {
  source = await database();
  tenantId = (await seedFixtureTenant(source, 'acme')).tenantId;
  // Policies other than a new tenant's, set as the console sets them.
  await setMaxTokenLifetime(source, tenantId, { days: 90, actor: OPERATOR });
  await setPayloadRetention(source, tenantId, { days: 30, actor: OPERATOR });
  await setSsoPolicy(source, tenantId, { role: 'viewer', domains: 'acme.test', actor: OPERATOR });
});

afterAll(async () => {
  for (const { db, drop } of opened) {
    await db.$disconnect();
    await drop();
  }
});

describe("the tenant's policies as code", () => {
  it('exports what the console set, and an empty database given the document exports the same', async () => {
    const document = await exportConfig(source, 'acme');
    expect(document.policies).toEqual({
      apiTokenMaxDays: 90,
      payloadRetentionDays: 30,
      requireSecondFactorForAdmins: false,
      singleSignOn: { joinRole: 'viewer', joinDomains: ['acme.test'] },
    });
    const target = await database();
    await target.tenant.create({ data: { slug: 'acme', name: 'Acme' } });
    await applyConfig(target, 'acme', document, APPLY);
    expect((await exportConfig(target, 'acme')).policies).toEqual(document.policies);
  });

  it('applies changed policies, each audited as the console audits it', async () => {
    const original = await exportConfig(source, 'acme');
    const document = structuredClone(original);
    document.policies = {
      apiTokenMaxDays: 30,
      payloadRetentionDays: null,
      requireSecondFactorForAdmins: true,
      singleSignOn: { joinRole: null, joinDomains: [] },
    };
    const since = await auditCount(source, tenantId);
    const plan = await applyConfig(source, 'acme', document, APPLY);
    expect(plan.changes.map((c) => c.summary)).toEqual([
      'update tenant acme: policies.apiTokenMaxDays 90 -> 30, policies.payloadRetentionDays 30 -> null, ' +
        'policies.requireSecondFactorForAdmins false -> true, policies.singleSignOn.joinRole "viewer" -> null, ' +
        'policies.singleSignOn.joinDomains ["acme.test"] -> []',
    ]);
    expect(
      await source.tenant.findUniqueOrThrow({
        where: { id: tenantId },
        select: {
          maxTokenLifetimeDays: true,
          payloadRetentionDays: true,
          requireTotpForAdmins: true,
          ssoJitRole: true,
          ssoJitDomains: true,
        },
      }),
    ).toEqual({
      maxTokenLifetimeDays: 30,
      payloadRetentionDays: null,
      requireTotpForAdmins: true,
      ssoJitRole: null,
      ssoJitDomains: [],
    });
    const entries = await auditSince(source, tenantId, since);
    expect(entries.map((e) => e.action)).toEqual([
      'tenant.updated',
      'tenant.retention_changed',
      'tenant.second_factor_policy_changed',
      'tenant.sso_changed',
      'config.applied',
    ]);
    expect(entries[3]).toMatchObject({
      before: { ssoJitRole: 'viewer', ssoJitDomains: ['acme.test'] },
      after: { ssoJitRole: null, ssoJitDomains: [] },
    });
    // and back: the original document plans the policies back and nothing else
    await applyConfig(source, 'acme', original, APPLY);
    expect((await exportConfig(source, 'acme')).policies).toEqual(original.policies);
  });
});
