// One connection read back through the API's presenter against a real PostgreSQL: it answers what
// create and update wrote, exactly as the list shows it, parses with its documented (strict)
// response schema as it goes over the wire, carries no credential or secret — neither the value
// nor its sealed envelope — and another tenant's connection is not found.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type { Db } from '@/lib/db';
import { isAppError } from '@/lib/errors';
import {
  FIXTURE_KEY_RING,
  seededLedger,
  seedFixtureTenant,
  type SeededLedger,
} from '@/test/support/ledger-fixtures';
import { listConnectionConfigs } from './connection-config.presenter';
import { getConnection } from './connection-read.presenter';
import {
  connectionCreatedResponse,
  connectionListResponse,
  connectionResponse,
  connectionTestResponse,
  connectionUpdatedResponse,
  credentialsReplacedResponse,
} from './connections-responses';
import { createConnection } from './create-connection';
import { replaceCredentials } from './replace-credentials';
import { testConnection } from './test-connection';
import { updateConnection } from './update-connection';

const SECRETS = {
  token: 'shpat_read_back_7c1d9e2f4a',
  hook: 'whk_read_back_3b8e5d0c9f',
  replaced: 'shpat_replaced_6a2f0b9d1e',
  // the fixture's commerce webhook secret (test/support/ledger-fixtures.ts)
  seededHook: 'secret-secret',
};

let ledger: SeededLedger;
let db: Db;
let tenantId: string;
let otherTenantId: string;
let otherCommerceId: string;
let adminId: string;
const by = () => ({
  actor: { id: adminId, label: 'Ada Admin' },
  audit: { requestId: 'req-connection-read-0001' },
  keyRing: FIXTURE_KEY_RING,
});

beforeAll(async () => {
  ledger = await seededLedger();
  db = ledger.db;
  tenantId = ledger.tenantId;
  const other = await seedFixtureTenant(db, 'globex');
  otherTenantId = other.tenantId;
  otherCommerceId = other.connectionIds.commerce ?? '';
  adminId = (await db.user.findUniqueOrThrow({ where: { email: 'admin@acme.test' } })).id;
});
afterAll(async () => ledger?.drop());

/** The answer as the route sends it (JSON), parsed with its documented schema (throws if not). */
function onTheWire<S extends z.ZodType>(schema: S, answer: unknown): z.output<S> {
  return schema.parse(JSON.parse(JSON.stringify(answer)));
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (isAppError(error)) return error.code;
    throw error;
  }
  return 'no error';
}

/** Every secret this suite knows, and every sealed envelope stored in the tenant's connections. */
async function secretsOnRecord(): Promise<string[]> {
  const rows = await db.connection.findMany({
    where: { tenantId },
    select: { credentialsEncrypted: true, webhookSecretEncrypted: true },
  });
  const sealed = rows.flatMap((r) => [r.credentialsEncrypted, r.webhookSecretEncrypted]);
  return [...Object.values(SECRETS), ...sealed.filter((s): s is string => s !== null)];
}

describe('reading a connection back', () => {
  it('answers what create wrote, as the list shows it, and no secret', async () => {
    const created = await createConnection(
      db,
      tenantId,
      {
        key: 'commerce-read',
        name: 'Commerce (read back)',
        provider: 'commerce',
        baseUrl: 'https://read.shop.example',
        settings: { circuit: { openMs: 30_000 } },
        rateLimitPerSecond: 12,
        credentials: { accessToken: SECRETS.token },
        webhookSecret: SECRETS.hook,
      },
      by(),
    );
    expect(onTheWire(connectionCreatedResponse, created)).toEqual({
      id: created.id,
      key: 'commerce-read',
    });

    const answer = await getConnection(db, tenantId, created.id);
    expect(onTheWire(connectionResponse, answer)).toEqual({
      id: created.id,
      key: 'commerce-read',
      name: 'Commerce (read back)',
      provider: 'commerce',
      baseUrl: 'https://read.shop.example',
      status: 'active',
      settings: { circuit: { openMs: 30_000 } },
      rateLimitPerSecond: 12,
      maxConcurrency: null,
      maskingRules: [],
      searchPaths: null,
      searchPathsInEffect: ['$.line_items[*].sku'],
      searchPathDefaults: ['$.line_items[*].sku'],
      credentialsSet: true,
      webhookSecretSet: true,
    });
    const listed = await listConnectionConfigs(db, tenantId);
    expect(listed.find((c) => c.id === created.id)).toEqual(answer);

    const wire = JSON.stringify(answer);
    for (const secret of await secretsOnRecord()) expect(wire).not.toContain(secret);
  });

  it('answers what update and a credentials replacement changed', async () => {
    const created = await createConnection(
      db,
      tenantId,
      {
        key: 'commerce-moving',
        name: 'Commerce (moving)',
        provider: 'commerce',
        baseUrl: 'https://old.shop.example',
        credentials: { accessToken: SECRETS.token },
      },
      by(),
    );
    const updated = await updateConnection(
      db,
      tenantId,
      created.id,
      {
        name: 'Commerce (moved)',
        baseUrl: 'https://new.shop.example',
        maxConcurrency: 4,
        maskingRules: ['$.customer.email'],
      },
      by(),
    );
    // another origin: the credentials were for the old one and are gone
    expect(onTheWire(connectionUpdatedResponse, updated)).toEqual({
      changed: ['name', 'baseUrl', 'maxConcurrency', 'maskingRules'],
      credentialsCleared: true,
    });
    expect(await getConnection(db, tenantId, created.id)).toMatchObject({
      name: 'Commerce (moved)',
      baseUrl: 'https://new.shop.example',
      maxConcurrency: 4,
      maskingRules: ['$.customer.email'],
      credentialsSet: false,
      webhookSecretSet: false,
    });

    const replaced = await replaceCredentials(
      db,
      tenantId,
      created.id,
      { accessToken: SECRETS.replaced },
      by(),
    );
    expect(onTheWire(credentialsReplacedResponse, replaced)).toEqual({ keyId: 'k1' });
    const answer = await getConnection(db, tenantId, created.id);
    expect(answer.credentialsSet).toBe(true);
    const wire = JSON.stringify(answer);
    for (const secret of await secretsOnRecord()) expect(wire).not.toContain(secret);
  });

  it('the list and every seeded connection parse with the documented schemas, secret-free', async () => {
    const connections = await listConnectionConfigs(db, tenantId);
    expect(connections.length).toBeGreaterThan(3);
    const wire = JSON.stringify(onTheWire(connectionListResponse, { connections }));
    const secrets = await secretsOnRecord();
    for (const secret of secrets) expect(wire).not.toContain(secret);
    for (const { id } of connections) {
      const one = onTheWire(connectionResponse, await getConnection(db, tenantId, id));
      for (const secret of secrets) expect(JSON.stringify(one)).not.toContain(secret);
    }
    expect(connections.some((c) => c.webhookSecretSet)).toBe(true);
  });

  it('a test without credentials answers as documented', async () => {
    const created = await createConnection(
      db,
      tenantId,
      { key: 'commerce-bare', name: 'Bare', provider: 'commerce', baseUrl: 'https://b.example' },
      by(),
    );
    const outcome = await testConnection(db, tenantId, created.id, { ...by(), timeoutMs: 1000 });
    expect(onTheWire(connectionTestResponse, outcome)).toMatchObject({
      ok: false,
      errorClass: 'auth',
    });
  });

  it("another tenant's connection is not found, and a malformed id neither", async () => {
    expect(otherCommerceId).not.toBe('');
    expect(await codeOf(getConnection(db, tenantId, otherCommerceId))).toBe('NOT_FOUND');
    expect(await codeOf(getConnection(db, tenantId, 'commerce'))).toBe('NOT_FOUND');
    expect((await getConnection(db, otherTenantId, otherCommerceId)).key).toBe('commerce');
  });
});
