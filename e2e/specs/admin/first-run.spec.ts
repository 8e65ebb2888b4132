// A fresh installation, as a platform engineer meets it: an empty database of its own and a web
// server on it. The sign-in page says there is no tenant and how to create one; the operator CLI
// migrates, creates the tenant and invites its first admin; the admin opens the printed link,
// chooses a password and signs in to the empty console. The suite's own stack is not touched.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { expect, test } from '../../support';
import { createEmptyDatabase } from '../../../test/support/database';
import { startRedis, startWeb, type Proc } from '../../../test/support/processes';
import { registerSecret } from '../../support/secret-scan';

type Started = Awaited<ReturnType<typeof startWeb>>;

let database: Awaited<ReturnType<typeof createEmptyDatabase>>;
let redis: { url: string; proc: Proc };
let web: Started;
let env: Record<string, string>;

/** The operator CLI from the checkout (the built one is proved by the production-install test). */
function waybill(args: string[]) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'cli/waybill.ts', ...args], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (run.status !== 0) throw new Error(`waybill ${args.join(' ')}: ${run.stderr}`);
  return run.stdout;
}

test.beforeAll(async () => {
  test.setTimeout(120_000);
  database = await createEmptyDatabase('wb_test_first_run');
  redis = await startRedis();
  env = {
    DATABASE_URL: database.url,
    REDIS_URL: redis.url,
    QUEUE_PREFIX: `first${randomBytes(3).toString('hex')}`,
    WAYBILL_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    NEXTAUTH_SECRET: randomBytes(24).toString('hex'),
    LOG_LEVEL: 'warn',
  };
  waybill(['migrate']);
  web = await startWeb(env);
  env.NEXTAUTH_URL = web.url;
});

test.afterAll(async () => {
  await web?.stop();
  await redis?.proc.stop();
  await database?.drop();
});

test('a fresh installation: the CLI creates the tenant and invites its admin, who signs in', async ({
  browser,
}) => {
  const context = await browser.newContext({ baseURL: web.url });
  const page = await context.newPage();
  try {
    await page.goto('/login');
    await expect(page.getByRole('heading', { name: 'Waybill is installed' })).toBeVisible();
    await expect(page.getByText('There is no tenant yet')).toBeVisible();
    await expect(page.getByText('waybill tenant create', { exact: false })).toBeVisible();

    expect(waybill(['tenant', 'create', '--slug', 'fresh', '--name', 'Fresh Goods'])).toMatch(
      /^tenant fresh created/,
    );
    const invited = waybill([
      'user',
      'create',
      '--tenant',
      'fresh',
      '--email',
      'first@fresh.test',
      '--role',
      'admin',
    ]);
    const link = /one-time link \(valid until [^)]+\): (\S+)/.exec(invited)?.[1] ?? '';
    expect(link.startsWith(`${web.url}/invite/`)).toBe(true);
    registerSecret(new URL(link).pathname.split('/').pop() ?? '', 'first-run invitation secret');

    const password = `first admin password ${randomBytes(3).toString('hex')}`;
    await page.goto(new URL(link).pathname);
    await expect(page.getByText('as admin')).toBeVisible();
    await page.getByLabel('Your name').fill('Fiona First');
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByLabel('Confirm password').fill(password);
    await page.getByRole('button', { name: 'Create account and join' }).click();
    await expect(page).toHaveURL(/\/login\?notice=joined/);

    await page.getByLabel('Email').fill('first@fresh.test');
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('heading', { name: 'Transactions' })).toBeVisible();
    await expect(page.getByText('Fresh Goods').first()).toBeVisible();
  } finally {
    await context.close();
  }
});
