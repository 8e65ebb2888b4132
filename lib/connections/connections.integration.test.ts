// Connection configuration against a real PostgreSQL (and a real ERP simulator for "test
// connection"): every use case writes its audit entry, no secret value reaches the audit log, a
// DTO or an error, and another tenant's connection is not found.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startErpSimulator } from '@/simulators/erp/server';
import type { RunningSim } from '@/simulators/shared-http';
import type { Db } from '@/lib/db';
import { AppError } from '@/lib/errors';
import {
  FIXTURE_KEY_RING,
  seededLedger,
  seedFixtureTenant,
  type SeededLedger,
} from '@/test/support/ledger-fixtures';
import { getConnectionConfig } from './connection-config.presenter';
import { createConnection } from './create-connection';
import { endWebhookOverlap } from './end-webhook-overlap';
import { replaceCredentials } from './replace-credentials';
import { rotateWebhookSecret } from './rotate-webhook-secret';
import { testConnection } from './test-connection';
import { updateConnection } from './update-connection';

const SECRETS = {
  createdToken: 'shpat_created_4f1e9b0c2d',
  createdHook: 'whk_created_8a7d6c5b4e',
  erpKey: 'erp_integration_key_93ab71',
  replacedKey: 'erp_replaced_key_55cd02',
  rotatedHook: 'whk_rotated_0e1f2a3b4c',
  // the fixture's commerce webhook secret (test/support/ledger-fixtures.ts)
  seededHook: 'secret-secret',
};

let ledger: SeededLedger;
let db: Db;
let tenantId: string;
let otherTenantId: string;
let otherErpId: string;
let erpId: string;
let erp: RunningSim;
const by = () => ({
  actor: { id: adminId, label: 'Ada Admin' },
  audit: { requestId: 'req-config-0001' },
  keyRing: FIXTURE_KEY_RING,
});
let adminId: string;
const thrown: unknown[] = [];

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    thrown.push(error);
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

async function auditOf(connectionId: string) {
  return db.$queryRaw<{ action: string; before: unknown; after: unknown; request_id: string }[]>`
    SELECT action, before, after, request_id FROM audit_entries
    WHERE tenant_id = ${tenantId}::uuid AND object_id = ${connectionId} ORDER BY seq`;
}

beforeAll(async () => {
  ledger = await seededLedger();
  db = ledger.db;
  tenantId = ledger.tenantId;
  const other = await seedFixtureTenant(db, 'globex');
  otherTenantId = other.tenantId;
  otherErpId = other.connectionIds.erp ?? '';
  erpId = (await db.connection.findFirstOrThrow({ where: { tenantId, key: 'erp' } })).id;
  adminId = (await db.user.findUniqueOrThrow({ where: { email: 'admin@acme.test' } })).id;
  erp = await startErpSimulator({ port: 0, apiKey: SECRETS.erpKey });
});
afterAll(async () => {
  await erp?.close();
  await ledger?.drop();
});

describe('create', () => {
  it('creates a connection with sealed secrets and an audit entry of their state', async () => {
    const created = await createConnection(
      db,
      tenantId,
      {
        key: 'commerce-eu',
        name: 'Commerce EU',
        provider: 'commerce',
        baseUrl: 'https://eu.shop.example',
        settings: { circuit: { openMs: 30_000 } },
        credentials: { accessToken: SECRETS.createdToken },
        webhookSecret: SECRETS.createdHook,
      },
      by(),
    );
    const row = await db.connection.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.credentialsEncrypted).toMatch(/^v2\.k1\./);
    expect(FIXTURE_KEY_RING.open(row.webhookSecretEncrypted ?? '')).toBe(SECRETS.createdHook);
    const [entry] = await auditOf(created.id);
    expect(entry).toMatchObject({
      action: 'connection.created',
      request_id: 'req-config-0001',
      after: {
        key: 'commerce-eu',
        settings: { circuit: { openMs: 30_000 } },
        auth: { state: 'set', keyId: 'k1' },
        webhookSigning: { state: 'set', keyId: 'k1', previousAcceptedUntil: null },
      },
    });
    const config = await getConnectionConfig(db, tenantId, created.id);
    expect(config.credentials).toMatchObject({ set: true, keyId: 'k1', fields: ['accessToken'] });
    expect(config.credentials.changedAt).not.toBeNull();
    expect(config.webhook).toMatchObject({ receives: true, set: true, keyId: 'k1' });
  });

  it('refuses a taken key, an unknown provider, bad settings and bad URLs', async () => {
    const base = { name: 'X', provider: 'commerce', baseUrl: 'https://x.example' };
    expect(
      (await refusal(createConnection(db, tenantId, { ...base, key: 'commerce' }, by()))).code,
    ).toBe('CONFLICT');
    expect(
      (await refusal(createConnection(db, tenantId, { ...base, key: 'x1', provider: 'sap' }, by())))
        .code,
    ).toBe('VALIDATION_FAILED');
    const settings = await refusal(
      createConnection(db, tenantId, { ...base, key: 'x2', settings: { circut: {} } }, by()),
    );
    expect(settings.message).toMatch(/^settings/);
    const url = await refusal(
      createConnection(db, tenantId, { ...base, key: 'x3', baseUrl: 'file:///etc/passwd' }, by()),
    );
    expect(url.code).toBe('VALIDATION_FAILED');
    const creds = await refusal(
      createConnection(
        db,
        tenantId,
        { ...base, key: 'x4', credentials: { accessToken: '' } },
        by(),
      ),
    );
    expect(creds.message).toMatch(/^credentials\.accessToken/);
  });

  it('allows the same key in another tenant', async () => {
    const created = await createConnection(
      db,
      otherTenantId,
      { key: 'commerce-eu', name: 'Globex EU', provider: 'commerce', baseUrl: 'https://g.example' },
      by(),
    );
    expect(created.key).toBe('commerce-eu');
  });
});

describe('update', () => {
  it('changes settings, limits and masking rules, auditing only what changed', async () => {
    const result = await updateConnection(
      db,
      tenantId,
      erpId,
      {
        name: 'ERP (finance)',
        settings: { circuit: { minCalls: 5 } },
        rateLimitPerSecond: 20,
        maxConcurrency: null,
        maskingRules: ['$.customer_email', '$.lines[*].sku'],
      },
      by(),
    );
    // the seed gives the ERP 40/s and 8 at once: both change
    expect(result.changed.sort()).toEqual([
      'maskingRules',
      'maxConcurrency',
      'name',
      'rateLimitPerSecond',
      'settings',
    ]);
    const entries = await auditOf(erpId);
    expect(entries.at(-1)).toMatchObject({
      action: 'connection.updated',
      before: { name: 'ERP' },
      after: { name: 'ERP (finance)', maskingRules: ['$.customer_email', '$.lines[*].sku'] },
    });
    const again = await updateConnection(db, tenantId, erpId, { name: 'ERP (finance)' }, by());
    expect(again.changed).toEqual([]);
    expect(await auditOf(erpId)).toHaveLength(entries.length);
  });

  it('refuses bad masking paths and non-http base URLs', async () => {
    const paths = await refusal(
      updateConnection(db, tenantId, erpId, { maskingRules: ['email'] }, by()),
    );
    expect(paths.message).toMatch(/maskingRules\.0: email must start with \$/);
    const url = await refusal(
      updateConnection(db, tenantId, erpId, { baseUrl: 'ftp://erp' }, by()),
    );
    expect(url.code).toBe('VALIDATION_FAILED');
  });
});

describe('credentials and test connection', () => {
  it('points the ERP at the simulator, replaces credentials and tests them', async () => {
    await updateConnection(db, tenantId, erpId, { baseUrl: erp.url }, by());
    const wrong = await refusal(replaceCredentials(db, tenantId, erpId, { token: 'x' }, by()));
    expect(wrong.message).toMatch(/^credentials\.apiKey/);
    await replaceCredentials(db, tenantId, erpId, { apiKey: SECRETS.replacedKey }, by());
    const refused = await testConnection(db, tenantId, erpId, { ...by(), timeoutMs: 3000 });
    expect(refused).toMatchObject({ ok: false, errorClass: 'auth' });
    expect(refused.message).toMatch(/credentials were refused/);
    await replaceCredentials(db, tenantId, erpId, { apiKey: SECRETS.erpKey }, by());
    const ok = await testConnection(db, tenantId, erpId, { ...by(), timeoutMs: 3000 });
    expect(ok).toMatchObject({ ok: true });
    const entries = await auditOf(erpId);
    expect(entries.filter((e) => e.action === 'connection.credentials_replaced')).toHaveLength(2);
    expect(entries.filter((e) => e.action === 'connection.tested').map((e) => e.after)).toEqual([
      expect.objectContaining({ outcome: 'auth' }),
      expect.objectContaining({ outcome: 'ok' }),
    ]);
    const config = await getConnectionConfig(db, tenantId, erpId);
    expect(config.credentials).toMatchObject({ set: true, keyId: 'k1', fields: ['apiKey'] });
    expect(config.credentials.changedAt).not.toBeNull();
  });

  it('says what is wrong when the provider cannot be reached', async () => {
    // another port is another origin: the credentials are cleared and must be given again
    const moved = await updateConnection(
      db,
      tenantId,
      erpId,
      { baseUrl: 'http://127.0.0.1:9' },
      by(),
    );
    expect(moved).toEqual({ changed: ['baseUrl'], credentialsCleared: true });
    await replaceCredentials(db, tenantId, erpId, { apiKey: SECRETS.erpKey }, by());
    const outcome = await testConnection(db, tenantId, erpId, { ...by(), timeoutMs: 2000 });
    expect(outcome).toMatchObject({ ok: false, errorClass: 'provider_outage' });
    await updateConnection(db, tenantId, erpId, { baseUrl: erp.url }, by());
    await replaceCredentials(db, tenantId, erpId, { apiKey: SECRETS.erpKey }, by());
  });
});

describe('webhook secret rotation', () => {
  it('keeps the previous secret for the overlap, then ends it on request', async () => {
    const commerceId = ledger.commerceConnectionId;
    const same = await refusal(
      rotateWebhookSecret(
        db,
        tenantId,
        commerceId,
        { secret: SECRETS.seededHook, overlap: '1h' },
        by(),
      ),
    );
    expect(same.message).toMatch(/already in use/);
    const now = new Date();
    const rotated = await rotateWebhookSecret(
      db,
      tenantId,
      commerceId,
      { secret: SECRETS.rotatedHook, overlap: '24h' },
      { ...by(), now },
    );
    expect(rotated.previousAcceptedUntil?.getTime()).toBe(now.getTime() + 86_400_000);
    const during = await getConnectionConfig(db, tenantId, commerceId);
    expect(during.webhook.previousAcceptedUntil).toBe(rotated.previousAcceptedUntil?.toISOString());
    expect(await endWebhookOverlap(db, tenantId, commerceId, by())).toEqual({ ended: true });
    expect(await endWebhookOverlap(db, tenantId, commerceId, by())).toEqual({ ended: false });
    const after = await getConnectionConfig(db, tenantId, commerceId);
    expect(after.webhook.previousAcceptedUntil).toBeNull();
    const actions = (await auditOf(commerceId)).map((e) => e.action);
    expect(actions).toEqual([
      'connection.webhook_secret_rotated',
      'connection.webhook_overlap_ended',
    ]);
  });

  it('refuses a webhook secret for a provider that sends none', async () => {
    const refused = await refusal(
      rotateWebhookSecret(
        db,
        tenantId,
        erpId,
        { secret: 'whk_for_erp_123', overlap: 'none' },
        by(),
      ),
    );
    expect(refused.message).toMatch(/sends no webhooks/);
  });
});

describe('tenant isolation', () => {
  it("answers NOT_FOUND for another tenant's connection, and changes nothing there", async () => {
    const attempts = [
      () => updateConnection(db, tenantId, otherErpId, { name: 'hijacked' }, by()),
      () => replaceCredentials(db, tenantId, otherErpId, { apiKey: 'hijack-key' }, by()),
      () =>
        rotateWebhookSecret(
          db,
          tenantId,
          otherErpId,
          { secret: 'hijack-secret', overlap: 'none' },
          by(),
        ),
      () => endWebhookOverlap(db, tenantId, otherErpId, by()),
      () => testConnection(db, tenantId, otherErpId, { ...by(), timeoutMs: 1000 }),
      () => getConnectionConfig(db, tenantId, otherErpId),
      () => getConnectionConfig(db, tenantId, 'not-a-uuid'),
    ];
    for (const attempt of attempts) expect((await refusal(attempt())).code).toBe('NOT_FOUND');
    const untouched = await db.connection.findUniqueOrThrow({ where: { id: otherErpId } });
    expect(untouched.name).toBe('ERP');
  });
});

describe('no secret anywhere', () => {
  it('the audit log, the DTOs and every refusal are free of secret values', async () => {
    const audit = await db.$queryRaw<
      { row: string }[]
    >`SELECT row_to_json(a)::text AS row FROM audit_entries a`;
    const dtos = await Promise.all(
      [erpId, ledger.commerceConnectionId].map((id) => getConnectionConfig(db, tenantId, id)),
    );
    const haystack = [
      ...audit.map((a) => a.row),
      JSON.stringify(dtos),
      ...thrown.map((e) => JSON.stringify([String(e), (e as AppError).details ?? null])),
    ].join('\n');
    expect(audit.length).toBeGreaterThan(5);
    for (const secret of Object.values(SECRETS)) expect(haystack).not.toContain(secret);
  });
});
