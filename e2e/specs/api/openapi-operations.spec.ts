import pg from 'pg';
import { generateApiTokenSecret, hashApiToken, displayPrefixOf } from '@/lib/identity/api-token';
import { PERMISSIONS, type Permission } from '@/lib/base/permissions';
import { expect, registerSecret, test } from '../../support';

// The published document is the contract: every operation it lists is called with a token holding
// exactly its documented scope (must get past authentication and authorisation) and with a token
// holding every other scope (must be refused with 403). Ids are synthetic, so 404/409/422 are
// the expected answers of an allowed call; 401, 403 and any 5xx are not.
const NOBODY = '00000000-0000-7000-8000-000000000000';

interface Operation {
  operationId: string;
  'x-required-scope': Permission;
  parameters?: { name: string; in: string; schema: { format?: string; enum?: string[] } }[];
  requestBody?: unknown;
}
type Document = { paths: Record<string, Record<string, Operation>> };

let db: pg.Client;
let tenantId: string;
/** the tokens this spec made: the only ones it deletes (other specs make `e2e …` tokens too) */
const made: string[] = [];

test.beforeAll(async () => {
  db = new pg.Client({ connectionString: process.env.E2E_DATABASE_URL });
  await db.connect();
  const { rows } = await db.query<{ id: string }>(`SELECT id FROM tenants WHERE slug = 'acme'`);
  tenantId = rows[0]?.id ?? '';
  expect(tenantId, 'the seeded tenant').not.toBe('');
});
test.afterAll(async () => {
  await db?.query(`DELETE FROM api_tokens WHERE id = ANY($1::uuid[])`, [made]);
  await db?.end();
});

/** A token straight in the ledger, as the settings page would store it. */
async function tokenWith(scopes: readonly Permission[], options: { revoked?: boolean } = {}) {
  const secret = generateApiTokenSecret();
  // the leak scanner then fails any test whose responses contain it
  registerSecret(secret, 'e2e API token');
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO api_tokens (id, tenant_id, name, prefix, token_hash, scopes, revoked_at)
     VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, $6) RETURNING id`,
    [
      tenantId,
      `e2e ${scopes.length === 1 ? scopes[0] : `${scopes.length} scopes`}`,
      displayPrefixOf(secret),
      hashApiToken(secret),
      scopes,
      options.revoked ? new Date() : null,
    ],
  );
  made.push(...rows.map((row) => row.id));
  return secret;
}

/** A callable URL for a documented path: synthetic ids, the first value of each enum. */
function urlOf(path: string, operation: Operation): string {
  return path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const schema = operation.parameters?.find((p) => p.in === 'path' && p.name === name)?.schema;
    if (schema?.enum?.[0]) return schema.enum[0];
    return schema?.format === 'uuid' ? NOBODY : 'e2e-nothing-here';
  });
}

test('every documented operation: its scope gets in, every other scope is refused', async ({
  request,
}) => {
  const response = await request.get('/api/v1/openapi.json');
  expect(response.status()).toBe(200);
  const document = (await response.json()) as Document;
  const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({ path, method, operation })),
  );
  expect(operations.length).toBeGreaterThan(10);

  for (const { path, method, operation } of operations) {
    const scope = operation['x-required-scope'];
    await test.step(`${method.toUpperCase()} ${path} (${scope})`, async () => {
      expect(PERMISSIONS, `${operation.operationId} names a known scope`).toContain(scope);
      const call = (secret: string) =>
        request.fetch(urlOf(path, operation), {
          method: method.toUpperCase(),
          headers: { authorization: `Bearer ${secret}` },
          ...(operation.requestBody !== undefined && { data: {} }),
        });

      const allowed = await call(await tokenWith([scope]));
      expect(allowed.status(), `${operation.operationId} with ${scope}`).not.toBe(401);
      expect(allowed.status(), `${operation.operationId} with ${scope}`).not.toBe(403);
      expect(allowed.status(), `${operation.operationId} with ${scope}`).toBeLessThan(500);

      const refused = await call(await tokenWith(PERMISSIONS.filter((p) => p !== scope)));
      expect(refused.status(), `${operation.operationId} without ${scope}`).toBe(403);
      expect(await refused.json()).toMatchObject({
        error: 'FORBIDDEN',
        message: expect.stringContaining(scope),
      });
    });
  }
});

test('no token, a revoked token and a made-up token all answer 401 with a Bearer challenge', async ({
  request,
}) => {
  const revoked = await tokenWith(['transactions.read'], { revoked: true });
  for (const headers of [
    {} as Record<string, string>,
    { authorization: `Bearer ${revoked}` },
    { authorization: `Bearer ${generateApiTokenSecret()}` },
  ]) {
    const response = await request.get('/api/v1/transactions', { headers });
    expect(response.status()).toBe(401);
    expect(response.headers()['www-authenticate']).toMatch(/^Bearer/);
  }
});

test('a cookie-session mutation from a foreign origin is refused; from the console it passes', async ({
  page,
  login,
  baseURL,
}) => {
  await login.signInAs('admin');
  const path = `/api/v1/transactions/${NOBODY}/notes`;
  const data = { note: 'cross-site attempt' };

  const foreign = await page.request.post(path, {
    data,
    headers: { origin: 'https://attacker.example' },
  });
  expect(foreign.status()).toBe(403);
  expect(await foreign.json()).toMatchObject({ error: 'CSRF_REJECTED' });

  const own = await page.request.post(path, { data, headers: { origin: baseURL ?? '' } });
  expect(own.status()).toBe(404); // past the guard: the synthetic transaction does not exist

  // A token request is not a cookie request: no Origin needed.
  const token = await tokenWith(['transactions.note']);
  const scripted = await page.request.post(path, {
    data,
    headers: { authorization: `Bearer ${token}`, origin: 'https://attacker.example' },
  });
  expect(scripted.status()).toBe(404);
});
