// The second factor in the browser (issue 20): a person sets it up on /account/two-factor by
// scanning (here: reading) the key, signs in again with a code from the app and, in another
// browser, with a recovery code; an admin of a tenant that requires it is sent to the set-up page
// by every console page until it is done. People and the tenant are the spec's own.
import { randomBytes } from 'node:crypto';
import type { Page } from '@playwright/test';
import { createDb, type Db } from '@/lib/db';
import { totpCodeAt } from '@/lib/identity/totp';
import { expect, registerSecret, test } from '../../support';
import { browserFor, closeAll } from '../../support/browser-sessions';
import { freshPerson } from '../../support/fresh-person';

let db: Db;
let acmeId: string;
test.beforeAll(async () => {
  db = createDb({ connectionString: process.env.E2E_DATABASE_URL ?? '', poolSize: 2 });
  acmeId = (await db.tenant.findUniqueOrThrow({ where: { slug: 'acme' } })).id;
});
test.afterAll(async () => {
  await db.$disconnect();
});

async function passwordStep(page: Page, person: { email: string; password: string }) {
  await page.goto('/login');
  await page.getByLabel('Email').fill(person.email);
  await page.getByLabel('Password').fill(person.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

async function codeStep(page: Page, code: string) {
  await expect(
    page.getByText('Enter the six-digit code from your authenticator app'),
  ).toBeVisible();
  await page.getByLabel('Authentication code').fill(code);
  await page.getByRole('button', { name: 'Verify and sign in' }).click();
}

/** Set-up on the page as a person does it; answers the key as the app holds it and the codes. */
async function setUp(page: Page) {
  await page.goto('/account');
  await page.getByRole('link', { name: 'Set up two-factor authentication' }).click();
  await page.getByRole('button', { name: 'Set up two-factor authentication' }).click();
  await expect(page.getByRole('img', { name: 'QR code for your authenticator app' })).toBeVisible();
  const secret = ((await page.getByTestId('totp-secret').textContent()) ?? '').replace(/\s/g, '');
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  registerSecret(secret, 'e2e TOTP secret');
  await page.getByLabel('Code from the app').fill('000000');
  await page.getByRole('button', { name: 'Turn on' }).click();
  await expect(page.getByText('That code is not right')).toBeVisible();
  await page.getByLabel('Code from the app').fill(totpCodeAt(secret, new Date()));
  await page.getByRole('button', { name: 'Turn on' }).click();
  const list = page.getByRole('list', { name: 'Recovery codes' });
  await expect(list.getByRole('listitem')).toHaveCount(10);
  const codes = await list.getByRole('listitem').allTextContents();
  for (const c of codes) registerSecret(c, 'e2e recovery code');
  await page.getByRole('link', { name: 'Done' }).click();
  await expect(page.getByText(/On: signing in asks for a code/)).toBeVisible();
  return { secret, codes };
}

test('a person sets up a second factor and signs in with a code, then with a recovery code', async ({
  browser,
  page,
}) => {
  const person = await freshPerson(db, [{ tenantId: acmeId, role: 'support' }]);
  const other = await browserFor(browser);
  const third = await browserFor(browser);
  try {
    await passwordStep(page, person);
    await expect(page.getByRole('heading', { name: 'Transactions' })).toBeVisible();
    const { secret, codes } = await setUp(page);

    // the set-up spent this step's code: the app's next one (within the drift allowed) signs in
    const withCode = await other.newPage();
    await passwordStep(withCode, person);
    await codeStep(withCode, '123456');
    await expect(withCode.getByText('That code is not right')).toBeVisible();
    await codeStep(withCode, totpCodeAt(secret, new Date(Date.now() + 30_000)));
    await expect(withCode.getByRole('heading', { name: 'Transactions' })).toBeVisible();

    const withRecovery = await third.newPage();
    await passwordStep(withRecovery, person);
    await codeStep(withRecovery, codes[0] ?? '');
    await expect(withRecovery.getByRole('heading', { name: 'Transactions' })).toBeVisible();
    await withRecovery.goto('/account/two-factor');
    await expect(withRecovery.getByText('9 of 10 recovery codes unused')).toBeVisible();

    const audited = await db.auditEntry.findMany({
      where: { tenantId: acmeId, objectId: person.id },
      select: { action: true },
    });
    expect(audited.map((a) => a.action)).toEqual(
      expect.arrayContaining([
        'auth.totp_enabled',
        'auth.sign_in_failed',
        'auth.recovery_code_used',
        'auth.signed_in',
      ]),
    );
  } finally {
    await closeAll(other, third);
  }
});

test('an admin of a tenant that requires a second factor is sent to set it up first', async ({
  page,
}) => {
  const tenant = await db.tenant.create({
    data: {
      slug: `strict-${randomBytes(3).toString('hex')}`,
      name: 'Strict Co',
      requireTotpForAdmins: true,
    },
  });
  const admin = await freshPerson(db, [{ tenantId: tenant.id, role: 'admin' }]);
  await passwordStep(page, admin);
  await expect(page).toHaveURL(/\/account\/two-factor\?required=1/);
  await expect(page.getByText('Strict Co requires admins to use two-factor')).toBeVisible();
  await page.goto('/settings/users');
  await expect(page).toHaveURL(/\/account\/two-factor/);
  // the API refuses the session too (tokens are a credential of their own)
  const refused = await page.request.get('/api/v1/transactions');
  expect(refused.status()).toBe(403);

  await page.getByRole('button', { name: 'Set up two-factor authentication' }).click();
  const secret = ((await page.getByTestId('totp-secret').textContent()) ?? '').replace(/\s/g, '');
  registerSecret(secret, 'e2e TOTP secret');
  await page.getByLabel('Code from the app').fill(totpCodeAt(secret, new Date()));
  await page.getByRole('button', { name: 'Turn on' }).click();
  await expect(page.getByRole('list', { name: 'Recovery codes' })).toBeVisible();
  for (const c of await page
    .getByRole('list', { name: 'Recovery codes' })
    .getByRole('listitem')
    .allTextContents())
    registerSecret(c, 'e2e recovery code');
  await page.goto('/settings/users');
  await expect(page.getByRole('heading', { name: 'Users and roles' })).toBeVisible();
  await expect(page.getByLabel('Require two-factor authentication for admins')).toBeChecked();
});
