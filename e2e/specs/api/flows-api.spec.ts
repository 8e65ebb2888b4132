// Connections and flows through the typed API client (generated from the OpenAPI document,
// e2e/support/api): a connection created, changed and read back (its credentials never in an
// answer); a flow created, changed (PATCH keeps what it does not name) and read back, retired (the
// pause toggle then refuses it, a PATCH brings it back) and deleted without history; the refusals
// a script needs to read — each change in the audit log with before and after.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { displayPrefixOf, generateApiTokenSecret, hashApiToken } from '@/lib/identity/api-token';
import { expect, registerSecret, test } from '../../support';
import { apiClient } from '../../support/api/client';

let db: pg.Client;
let tenantId = '';
let connections: Record<string, string> = {};
let token = '';

test.beforeAll(async () => {
  db = new pg.Client({ connectionString: process.env.E2E_DATABASE_URL });
  await db.connect();
  const { rows } = await db.query<{ id: string }>(`SELECT id FROM tenants WHERE slug = 'acme'`);
  tenantId = rows[0]?.id ?? '';
  const found = await db.query<{ key: string; id: string }>(
    `SELECT key, id FROM connections WHERE tenant_id = $1`,
    [tenantId],
  );
  connections = Object.fromEntries(found.rows.map((r) => [r.key, r.id]));
  token = generateApiTokenSecret();
  registerSecret(token, 'e2e flows API token');
  await db.query(
    `INSERT INTO api_tokens (id, tenant_id, name, prefix, token_hash, scopes)
     VALUES (gen_random_uuid(), $1, 'e2e flows api', $2, $3, $4)`,
    [
      tenantId,
      displayPrefixOf(token),
      hashApiToken(token),
      ['mappings.manage', 'mappings.read', 'flows.pause', 'connections.manage'],
    ],
  );
});

test.afterAll(async () => {
  await db?.query(`DELETE FROM api_tokens WHERE name = 'e2e flows api'`);
  await db?.end();
});

const flowPath = (id: string) => ({ params: { path: { id } } });

test('a script creates a connection, changes it and reads it back, never seeing its credentials', async ({
  request,
}) => {
  const api = apiClient(request, token);
  const listed = await api.GET('/api/v1/connections');
  const crm = listed.data?.connections.find((c) => c.key === 'crm');
  expect(crm, 'the demo CRM connection').toBeDefined();
  const apiKey = `e2e-crm-key-${randomUUID()}`;
  registerSecret(apiKey, 'e2e connection credential');
  const key = `e2e-crm-${randomUUID().slice(0, 8)}`;
  const created = await api.POST('/api/v1/connections', {
    body: {
      key,
      name: 'e2e CRM',
      provider: 'crm',
      baseUrl: crm?.baseUrl ?? '',
      credentials: { apiKey },
    },
  });
  expect(created.response.status).toBe(201);
  const id = created.data?.id ?? '';
  expect(created.data?.key).toBe(key);

  const patched = await api.PATCH('/api/v1/connections/{id}', {
    ...flowPath(id),
    body: { name: 'e2e CRM (renamed)', rateLimitPerSecond: 7, maxConcurrency: 3 },
  });
  expect(patched.response.status).toBe(200);

  const read = await api.GET('/api/v1/connections/{id}', flowPath(id));
  expect(read.response.status).toBe(200);
  expect(read.data).toMatchObject({
    id,
    key,
    name: 'e2e CRM (renamed)',
    provider: 'crm',
    rateLimitPerSecond: 7,
    maxConcurrency: 3,
    credentialsSet: true,
    status: 'active',
  });
  expect(JSON.stringify(read.data)).not.toContain(apiKey);
  const again = await api.GET('/api/v1/connections');
  expect(again.data?.connections.map((c) => c.id)).toContain(id);
  const unknown = await api.GET('/api/v1/connections/{id}', flowPath(randomUUID()));
  expect(unknown.response.status).toBe(404);
  expect(unknown.error).toMatchObject({ error: 'NOT_FOUND' });
});

test('a script creates, changes, reads back, retires, brings back and deletes a flow', async ({
  request,
}) => {
  const api = apiClient(request, token);
  const key = `e2e-refunds-crm-${randomUUID().slice(0, 8)}`;
  const body = {
    name: 'e2e refunds → CRM',
    key,
    sourceConnectionId: connections.commerce ?? '',
    eventType: 'refund.created',
    targetConnectionId: connections.crm ?? '',
    operation: 'upsert_customer',
    retryPolicy: { maxAttempts: 4, classes: { rate_limited: { baseDelayMs: 5000 } } },
  };
  const created = await api.POST('/api/v1/flows', { body });
  expect(created.response.status).toBe(201);
  const id = created.data?.id ?? '';

  const again = await api.POST('/api/v1/flows', { body });
  expect(again.response.status).toBe(409);
  expect(again.error).toMatchObject({
    error: 'CONFLICT',
    message: expect.stringMatching(/^key:/),
  });

  const wrongEvent = await api.POST('/api/v1/flows', {
    body: { ...body, key: `${key}-x`, eventType: 'order.teleported' },
  });
  expect(wrongEvent.response.status).toBe(422);
  expect(wrongEvent.error).toMatchObject({ message: expect.stringMatching(/^eventType:/) });

  const notRetrying = await api.POST('/api/v1/flows', {
    body: {
      ...body,
      key: `${key}-y`,
      retryPolicy: { classes: { validation: { maxAttempts: 3 } } },
    },
  });
  expect(notRetrying.response.status).toBe(422);

  // an id in upper case names the same flow, and the audit log records it as PostgreSQL spells it
  const patched = await api.PATCH('/api/v1/flows/{id}', {
    ...flowPath(id.toUpperCase()),
    body: { retryPolicy: { classes: { timeout: { maxAttempts: 2 } } }, slaMinutes: 20 },
  });
  expect(patched.response.status).toBe(200);
  expect(patched.data).toMatchObject({ changed: ['retryPolicy', 'slaMinutes'] });
  // read back: maxAttempts was not named, it stays 4; classes were named, replaced
  const read = await api.GET('/api/v1/flows/{id}', flowPath(id));
  expect(read.response.status).toBe(200);
  expect(read.data).toMatchObject({
    id,
    key,
    name: body.name,
    eventType: 'refund.created',
    operation: 'upsert_customer',
    slaMinutes: 20,
    status: 'active',
    activeMappingVersion: null,
  });
  expect(read.data?.retryPolicy).toMatchObject({
    maxAttempts: 4,
    classes: { timeout: { maxAttempts: 2 } },
  });
  expect(read.data?.retryByClass.timeout.maxAttempts).toBe(2);
  const listed = await api.GET('/api/v1/flows');
  expect(listed.data?.flows.find((f) => f.id === id)).toMatchObject({ key, slaMinutes: 20 });

  const retired = await api.POST('/api/v1/flows/{id}/retire', flowPath(id));
  expect(retired.response.status).toBe(200);
  expect(retired.data).toMatchObject({ status: 'retired', changed: true });
  const resumed = await api.POST('/api/v1/flows/{id}/{intent}', {
    params: { path: { id, intent: 'resume' } },
    body: {},
  });
  expect(resumed.response.status).toBe(409);

  const back = await api.PATCH('/api/v1/flows/{id}', {
    ...flowPath(id),
    body: { status: 'active' },
  });
  expect(back.data).toMatchObject({ status: 'active', changed: ['status'] });

  expect((await api.DELETE('/api/v1/flows/{id}', flowPath(id))).response.status).toBe(200);
  expect((await api.DELETE('/api/v1/flows/{id}', flowPath(id))).response.status).toBe(404);

  const audit = await db.query<{ action: string; before: unknown; after: unknown }>(
    `SELECT action, before, after FROM audit_entries WHERE object_id = $1 ORDER BY seq`,
    [id],
  );
  expect(audit.rows.map((r) => r.action)).toEqual([
    'flow.created',
    'flow.updated',
    'flow.retired',
    'flow.updated',
    'flow.deleted',
  ]);
  expect(audit.rows[1]).toMatchObject({
    before: { retryPolicy: { classes: { rate_limited: { baseDelayMs: 5000 } } }, slaMinutes: null },
    after: { retryPolicy: { classes: { timeout: { maxAttempts: 2 } } }, slaMinutes: 20 },
  });
});

test('a flow with transactions is never deleted', async ({ request, sendPaidOrder }) => {
  const api = apiClient(request, token);
  const { rows } = await db.query<{ id: string }>(
    `SELECT id FROM flows WHERE tenant_id = $1 AND key = 'orders-paid-to-warehouse'`,
    [tenantId],
  );
  // ingest commits the order's transactions before it answers: the flow has history now
  await sendPaidOrder();
  const refused = await api.DELETE('/api/v1/flows/{id}', flowPath(rows[0]?.id ?? ''));
  expect(refused.response.status).toBe(409);
  expect(refused.error).toMatchObject({
    error: 'CONFLICT',
    message: expect.stringContaining('retire it instead'),
  });
});
