// The flows API with a scoped token: create, change (PATCH keeps what it does not name), retire
// (the pause toggle then refuses it, a PATCH brings it back), delete a flow without history, and
// the refusals a script needs to read — each change in the audit log with before and after.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { APIRequestContext } from '@playwright/test';
import { displayPrefixOf, generateApiTokenSecret, hashApiToken } from '@/lib/identity/api-token';
import { expect, registerSecret, test } from '../../support';

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
    [tenantId, displayPrefixOf(token), hashApiToken(token), ['mappings.manage', 'flows.pause']],
  );
});

test.afterAll(async () => {
  await db?.query(`DELETE FROM api_tokens WHERE name = 'e2e flows api'`);
  await db?.end();
});

function call(request: APIRequestContext, method: string, path: string, data?: unknown) {
  return request.fetch(`/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${token}` },
    ...(data !== undefined && { data }),
  });
}

test('a script creates, changes, retires, brings back and deletes a flow', async ({ request }) => {
  const key = `e2e-refunds-crm-${randomUUID().slice(0, 8)}`;
  const body = {
    name: 'e2e refunds → CRM',
    key,
    sourceConnectionId: connections.commerce,
    eventType: 'refund.created',
    targetConnectionId: connections.crm,
    operation: 'upsert_customer',
    retryPolicy: { maxAttempts: 4, classes: { rate_limited: { baseDelayMs: 5000 } } },
  };
  const created = await call(request, 'POST', '/flows', body);
  expect(created.status()).toBe(201);
  const { id } = (await created.json()) as { id: string };

  const again = await call(request, 'POST', '/flows', body);
  expect(again.status()).toBe(409);
  expect(await again.json()).toMatchObject({
    error: 'CONFLICT',
    message: expect.stringMatching(/^key:/),
  });

  const wrongEvent = await call(request, 'POST', '/flows', {
    ...body,
    key: `${key}-x`,
    eventType: 'order.teleported',
  });
  expect(wrongEvent.status()).toBe(422);
  expect(await wrongEvent.json()).toMatchObject({ message: expect.stringMatching(/^eventType:/) });

  const notRetrying = await call(request, 'POST', '/flows', {
    ...body,
    key: `${key}-y`,
    retryPolicy: { classes: { validation: { maxAttempts: 3 } } },
  });
  expect(notRetrying.status()).toBe(422);

  const patched = await call(request, 'PATCH', `/flows/${id}`, {
    retryPolicy: { classes: { timeout: { maxAttempts: 2 } } },
    slaMinutes: 20,
  });
  expect(patched.status()).toBe(200);
  expect(await patched.json()).toMatchObject({ changed: ['retryPolicy', 'slaMinutes'] });
  const stored = await db.query<{ retry_policy: unknown }>(
    `SELECT retry_policy FROM flows WHERE id = $1`,
    [id],
  );
  // maxAttempts was not named: it stays 4; classes were named: replaced
  expect(stored.rows[0]?.retry_policy).toMatchObject({
    maxAttempts: 4,
    classes: { timeout: { maxAttempts: 2 } },
  });

  const retired = await call(request, 'POST', `/flows/${id}/retire`);
  expect(retired.status()).toBe(200);
  expect(await retired.json()).toMatchObject({ status: 'retired', changed: true });
  expect((await call(request, 'POST', `/flows/${id}/resume`)).status()).toBe(409);

  const back = await call(request, 'PATCH', `/flows/${id}`, { status: 'active' });
  expect(await back.json()).toMatchObject({ status: 'active', changed: ['status'] });

  expect((await call(request, 'DELETE', `/flows/${id}`)).status()).toBe(200);
  expect((await call(request, 'DELETE', `/flows/${id}`)).status()).toBe(404);

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
  const { rows } = await db.query<{ id: string }>(
    `SELECT id FROM flows WHERE tenant_id = $1 AND key = 'orders-paid-to-warehouse'`,
    [tenantId],
  );
  // ingest commits the order's transactions before it answers: the flow has history now
  await sendPaidOrder();
  const response = await call(request, 'DELETE', `/flows/${rows[0]?.id ?? ''}`);
  expect(response.status()).toBe(409);
  expect(await response.json()).toMatchObject({
    error: 'CONFLICT',
    message: expect.stringContaining('retire it instead'),
  });
});
