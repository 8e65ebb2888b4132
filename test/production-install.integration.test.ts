// The image's steps without Docker (scripts/image.mjs, which the Dockerfile runs too): the built
// files assembled into a folder with a production-only install, then every process started there
// with plain `node` — the operator CLI migrates an empty database and creates a tenant and its first
// admin, the web server answers ready and signs the admin in, the worker completes a signed
// webhook's transaction at the warehouse, and the CLI's token, password-reset link and
// configuration export/apply work against them. And with NODE_ENV=production, each process refuses the
// development secrets of .env.example and a missing public URL, naming each setting.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '@/lib/db';
import { singleKeyRing } from '@/lib/crypto/key-ring';
import { assemble } from '@/scripts/image.mjs';
import { seedDemoTenant } from '@/prisma/seed-demo';
import { startWarehouseSimulator } from '@/simulators/warehouse/server';
import type { RunningSim } from '@/simulators/shared-http';
import pg from 'pg';
import { createEmptyDatabase, PG_ADMIN_URL } from './support/database';
import { freePort, startProcess, startRedis, waitFor, type Proc } from './support/processes';
import { signedOrderWebhook, sampleOrder } from './support/webhooks';

const runtime = mkdtempSync(join(tmpdir(), 'waybill-runtime-'));
const SECRETS = {
  nextAuth: randomBytes(24).toString('hex'),
  key: randomBytes(32).toString('base64'),
  webhook: 'prod-commerce-webhook-secret',
  warehouseToken: 'prod-warehouse-token',
  password: 'a-long-admin-password-42',
};
const devSettings = Object.fromEntries(
  readFileSync('.env.example', 'utf8')
    .split('\n')
    .filter((line) => /^[A-Z_]+=/.test(line))
    .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
) as Record<string, string>;

let database: Awaited<ReturnType<typeof createEmptyDatabase>>;
let redis: Awaited<ReturnType<typeof startRedis>>;
let warehouse: RunningSim;
let db: Db;
let env: Record<string, string>;
let url = '';
const procs: Proc[] = [];

/**
 * A command of the runtime folder, with nothing of the checkout's environment but PATH. Run
 * without blocking: the web app's and worker's output keeps being read, and a keep-alive socket
 * the web app closed meanwhile is seen closed before the next fetch would reuse it (a spawnSync of
 * several seconds made one fetch meet "other side closed").
 */
function node(
  args: string[],
  extra: Record<string, string> = {},
  input?: string,
): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: runtime,
      env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production', ...env, ...extra },
      timeout: 60_000,
    });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out, err }));
    // a command that exits without reading its input closes the pipe: nothing to report
    child.stdin.on('error', () => undefined);
    child.stdin.end(input);
  });
}

beforeAll(async () => {
  assemble(runtime);
  database = await createEmptyDatabase('wb_prod');
  redis = await startRedis();
  warehouse = await startWarehouseSimulator({
    port: 0,
    apiToken: SECRETS.warehouseToken,
    workflowStepMs: 0,
  });
  env = {
    NODE_ENV: 'production',
    DATABASE_URL: database.url,
    REDIS_URL: redis.url,
    QUEUE_PREFIX: 'prod',
    NEXTAUTH_SECRET: SECRETS.nextAuth,
    WAYBILL_ENCRYPTION_KEY: SECRETS.key,
    NEXTAUTH_URL: 'http://127.0.0.1:1', // replaced once the web server has a port
    LOG_LEVEL: 'warn',
    DISPATCH_SWEEP_INTERVAL_MS: '250',
    // the warehouse simulator listens on loopback, which the outbound guard refuses otherwise
    OUTBOUND_ALLOW_HOSTS: '127.0.0.1',
  };
}, 300_000);

/** Roles are cluster-wide: read as the superuser the tests run as, reset after the suite. */
async function appRoleHasPassword(reset = false): Promise<boolean> {
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  try {
    if (reset) await admin.query('ALTER ROLE waybill_app PASSWORD NULL');
    const { rows } = await admin.query<{ set: boolean }>(
      "SELECT rolpassword IS NOT NULL AS set FROM pg_authid WHERE rolname = 'waybill_app'",
    );
    return rows[0]?.set ?? false;
  } finally {
    await admin.end();
  }
}

afterAll(async () => {
  await appRoleHasPassword(true);
  for (const proc of procs) await proc.stop();
  await db?.$disconnect();
  await warehouse?.close();
  await redis?.proc.stop();
  await database?.drop();
  rmSync(runtime, { recursive: true, force: true });
});

describe('the production install', () => {
  it('holds production dependencies only, and built JavaScript for every process', () => {
    for (const dev of ['tsx', 'typescript', 'esbuild', 'vitest', 'prisma', '@playwright/test'])
      expect(existsSync(join(runtime, 'node_modules', dev)), dev).toBe(false);
    for (const built of [
      'web/server.js',
      'dist/worker.mjs',
      'dist/receiver.mjs',
      'dist/waybill.mjs',
    ])
      expect(existsSync(join(runtime, built)), built).toBe(true);
  });

  it('migrates an empty database, idempotently, and gives the app role its password', async () => {
    const migrated = await node(['dist/waybill.mjs', 'migrate']);
    expect(migrated.err).toBe('');
    expect(migrated.out).toMatch(/^migrations: \d+ applied, 0 already applied/);
    const again = await node(['dist/waybill.mjs', 'migrate', '--set-app-password'], {
      APP_DATABASE_PASSWORD: 'an-app-role-password-of-ours',
    });
    expect(again).toMatchObject({ code: 0, err: '' });
    expect(again.out).toMatch(/^migrations: 0 applied/);
    expect(again.out).toContain('the waybill_app role has its password');
    expect(await appRoleHasPassword()).toBe(true);
  });

  it('starts web and worker; with no tenant yet, the sign-in page says how to create one', async () => {
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    env.NEXTAUTH_URL = url;
    const processEnv = { PATH: process.env.PATH ?? '', ...env };
    const web = startProcess('prod-web', process.execPath, [join(runtime, 'web/server.js')], {
      ...processEnv,
      PORT: String(port),
      HOSTNAME: '127.0.0.1',
      KEEP_ALIVE_TIMEOUT: '65000',
    });
    procs.push(web);
    procs.push(
      startProcess('prod-worker', process.execPath, [join(runtime, 'dist/worker.mjs')], processEnv),
    );
    const ready = await waitFor(
      'the web server to answer ready',
      async () => {
        const response = await fetch(`${url}/api/health`);
        return response.ok ? ((await response.json()) as { status: string }) : null;
      },
      60_000,
    ).catch((error: unknown) => {
      throw new Error(`${String(error)}\n${web.output()}`);
    });
    expect(ready.status).toBe('ready');
    const login = await (await fetch(`${url}/login`)).text();
    expect(login).toContain('There is no tenant yet');
    expect(login).toContain('waybill tenant create');
  }, 120_000);

  it('creates a tenant and its first admin with the CLI, who then signs in', async () => {
    const tenant = await node([
      'dist/waybill.mjs',
      'tenant',
      'create',
      '--slug',
      'shop',
      '--name',
      'Shop',
    ]);
    expect(tenant).toMatchObject({ code: 0, err: '' });
    expect(tenant.out).toMatch(/^tenant shop created/);
    const args = [
      '--tenant',
      'shop',
      '--email',
      'ops@shop.test',
      '--name',
      'Ops',
      '--role',
      'admin',
    ];
    const create = ['dist/waybill.mjs', 'user', 'create', ...args, '--password-stdin'];
    const weak = await node(create, {}, 'short');
    expect(weak.code).toBe(1);
    expect(weak.err).toMatch(/^waybill: password: /);
    const admin = await node(create, {}, `${SECRETS.password}\n`);
    expect(admin).toMatchObject({ code: 0, err: '' });
    expect(admin.out).toContain('ops@shop.test is admin of shop (new user)');

    // next-auth's credentials flow, as the login form posts it
    const csrf = await fetch(`${url}/api/auth/csrf`);
    const cookie = csrf.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const signIn = await fetch(`${url}/api/auth/callback/credentials`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
      body: new URLSearchParams({ csrfToken, email: 'ops@shop.test', password: SECRETS.password }),
    });
    const session = signIn.headers.getSetCookie().find((c) => c.includes('session-token'));
    expect(session).toBeDefined();
    const home = await fetch(`${url}/transactions`, {
      redirect: 'manual',
      headers: { cookie: (session ?? '').split(';')[0] ?? '' },
    });
    expect(home.status).toBe(200);
    expect(await home.text()).toContain('Shop');
  });

  it('completes a signed webhook: recorded by the web server, dispatched by the worker', async () => {
    // the connections and flows of a deployment (fixtures here; `waybill config apply` in real life)
    db = createDb({ connectionString: database.url, poolSize: 2 });
    const seeded = await seedDemoTenant(db, {
      slug: 'acme',
      name: 'Acme Outfitters',
      userDomain: 'acme.test',
      password: SECRETS.password,
      commerceWebhookSecret: SECRETS.webhook,
      commerceUrl: 'http://127.0.0.1:9',
      warehouseUrl: warehouse.url,
      warehouseApiToken: SECRETS.warehouseToken,
      keyRing: singleKeyRing(SECRETS.key),
      inventoryPollEveryMs: 0,
    });
    const hook = signedOrderWebhook(sampleOrder(5001), SECRETS.webhook);
    const answer = await fetch(`${url}/api/ingest/acme/commerce`, {
      method: 'POST',
      headers: hook.headers,
      body: hook.body,
    });
    expect(answer.status).toBe(202);
    const flowId = seeded.flowIds['orders-paid-to-warehouse'] ?? '';
    await waitFor(
      'the fulfilment to complete',
      async () => (await db.transaction.count({ where: { flowId, status: 'completed' } })) === 1,
      60_000,
    );

    // the storefront issued a new signing secret: set from stdin, the old one stops verifying
    const rotated = 'rotated-commerce-secret-0042';
    const set = [
      'secret',
      'set',
      '--tenant',
      'acme',
      '--connection',
      'commerce',
      '--webhook-secret',
    ];
    expect(await node(['dist/waybill.mjs', ...set], {}, `${rotated}\n`)).toMatchObject({
      code: 0,
      err: '',
      out: 'webhook secret of commerce replaced\n',
    });
    const send = (secret: string) => {
      const next = signedOrderWebhook(sampleOrder(5002), secret);
      return fetch(`${url}/api/ingest/acme/commerce`, {
        method: 'POST',
        headers: next.headers,
        body: next.body,
      });
    };
    // every web process reads connection secrets through a 5-second cache (resolve-target.ts)
    await waitFor(
      'the rotated secret to verify',
      async () => (await send(rotated)).status === 202,
      15_000,
      500,
    );
    expect((await send(SECRETS.webhook)).status).toBe(401);
  }, 120_000);

  it('issues an API token once, on stdout alone, and the API accepts it', async () => {
    const args = ['token', 'create', '--tenant', 'shop', '--name', 'ci'];
    const issued = await node(['dist/waybill.mjs', ...args, '--scopes', 'transactions.read']);
    expect(issued.code).toBe(0);
    const secret = issued.out.trim();
    expect(secret).toMatch(/^wbt_\S+$/);
    const authorization = `Bearer ${secret}`;
    const list = await fetch(`${url}/api/v1/transactions`, { headers: { authorization } });
    expect(list.status).toBe(200);
    const refused = await fetch(`${url}/api/v1/audit`, { headers: { authorization } });
    expect(refused.status).toBe(403);
  });

  it('prints a one-time password reset link that opens the reset page, once per person', async () => {
    const reset = (email: string) =>
      node(['dist/waybill.mjs', 'user', 'reset-password', '--email', email, '--valid-hours', '2']);
    const first = await reset(' OPS@shop.test ');
    expect(first).toMatchObject({ code: 0, err: '' });
    const [said, link] = first.out.trim().split('\n');
    expect(said).toBe('password reset for ops@shop.test (earlier links now end)');
    const path = /^one-time link \(valid until \S+Z\): (\S+)$/.exec(link ?? '')?.[1] ?? '';
    expect(path.startsWith(`${url}/reset-password/`)).toBe(true);
    const page = await fetch(path);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('This link works once.');
    // a second link ends the first: the page refuses it
    expect((await reset('ops@shop.test')).code).toBe(0);
    const ended = await (await fetch(path)).text();
    expect(ended).not.toContain('This link works once.');
    expect(ended).toContain('role="alert"');
    // nobody by that email: one line on stderr, exit code 1
    const nobody = await reset('nobody@shop.test');
    expect(nobody.code).toBe(1);
    expect(nobody.err).toMatch(/^waybill: .+\n$/);
  });

  it('exports the tenant as code, and the document applied to another empty database exports identically', async () => {
    const exported = await node(['dist/waybill.mjs', 'config', 'export', '--tenant', 'acme']);
    expect(exported).toMatchObject({ code: 0, err: '' });
    expect(exported.out).toContain('apiVersion: waybill/v1');
    expect(exported.out).not.toContain(SECRETS.webhook);
    expect(exported.out).not.toContain(SECRETS.warehouseToken);

    const other = await createEmptyDatabase('wb_prod');
    try {
      const there = { DATABASE_URL: other.url };
      expect((await node(['dist/waybill.mjs', 'migrate'], there)).code).toBe(0);
      const tenant = ['tenant', 'create', '--slug', 'acme', '--name', 'Acme Outfitters'];
      expect((await node(['dist/waybill.mjs', ...tenant], there)).code).toBe(0);
      const apply = ['config', 'apply', '--tenant', 'acme', '--file', '-'];
      const applied = await node(['dist/waybill.mjs', ...apply], there, exported.out);
      expect(applied).toMatchObject({ code: 0, err: '' });
      expect(applied.out).toMatch(/^plan for tenant acme: [1-9]\d* change\(s\)/);
      const again = await node(['dist/waybill.mjs', ...apply], there, exported.out);
      expect(again.out).toMatch(/^plan for tenant acme: 0 change\(s\)/);
      const reexported = await node(
        ['dist/waybill.mjs', 'config', 'export', '--tenant', 'acme'],
        there,
      );
      expect(reexported.out).toBe(exported.out);
    } finally {
      await other.drop();
    }
  });

  it.each([
    ['web', ['web/server.js']],
    ['worker', ['dist/worker.mjs']],
    ['receiver', ['dist/receiver.mjs']],
    ['CLI', ['dist/waybill.mjs', 'migrate']],
  ])('the %s refuses the development settings in production, naming each', async (_name, args) => {
    const refused = await node(args, {
      NEXTAUTH_SECRET: devSettings.NEXTAUTH_SECRET ?? '',
      WAYBILL_ENCRYPTION_KEY: devSettings.WAYBILL_ENCRYPTION_KEY ?? '',
      NEXTAUTH_URL: '',
      PORT: '0',
    });
    expect(refused.code).not.toBe(0);
    for (const setting of ['NEXTAUTH_SECRET', 'WAYBILL_ENCRYPTION_KEY', 'NEXTAUTH_URL'])
      expect(refused.err).toContain(`${setting}: `);
    expect(refused.err).not.toContain(devSettings.NEXTAUTH_SECRET);
  });
});
