// Users and roles through the browser: an admin invites a person who sets a password from the
// link and signs in; a role change ends that person's sessions and shows when they sign in again;
// a person with two tenants switches between them; five wrong passwords lock an account with the
// generic message.
import { randomBytes } from 'node:crypto';
import type { Browser, Page } from '@playwright/test';
import { hashPassword } from '@/lib/identity/password';
import { createDb, type Db } from '@/lib/db';
import { seedSecondTenant } from '@/prisma/seed-demo';
import { expect, test } from '../../support';

const GENERIC =
  'Email or password is not right, or the account is temporarily locked. Try again in a few minutes.';

let db: Db;
test.beforeAll(() => {
  // e2e/global-setup.ts only hands out the suite's own database (it refuses any other).
  db = createDb({ connectionString: process.env.E2E_DATABASE_URL ?? '', poolSize: 2 });
});
test.afterAll(async () => {
  // the second tenant exists only for this spec; other specs see one tenant as before
  await db.tenant.deleteMany({ where: { slug: 'globex' } });
  await db.$disconnect();
});

const nav = (page: Page) => page.getByRole('navigation', { name: 'Main' });
// The person's name and role are in the header; the tenant (or its switcher) tops the sidebar.
const banner = (page: Page) => page.getByRole('banner');
const tenantSwitcher = (page: Page, current: RegExp) =>
  page.getByRole('complementary').getByRole('button', { name: current });

async function signIn(page: Page, email: string, password: string) {
  await page.goto('/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

async function freshPage(browser: Browser) {
  const context = await browser.newContext({ baseURL: process.env.E2E_BASE_URL });
  return { page: await context.newPage(), close: () => context.close() };
}

test.describe.serial('an invited person', () => {
  const email = `invited-${randomBytes(4).toString('hex')}@example.test`;
  const name = 'Ines Invited';
  const password = `a long new password ${randomBytes(3).toString('hex')}`;

  test('is invited as support, sets a password from the link, signs in and sees the support nav', async ({
    page,
    login,
    browser,
  }) => {
    await login.signInAs('admin');
    await page.goto('/settings/users');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Role', { exact: true }).selectOption('support');
    await page.getByRole('button', { name: 'Create invitation link' }).click();
    const shown = page.getByRole('region', { name: 'Invitation link' });
    await expect(shown).toContainText('Shown once');
    await expect(shown.getByRole('button', { name: /Copy/ })).toBeVisible();
    const link = (await page.getByTestId('invitation-link').textContent()) ?? '';
    expect(link).toMatch(/\/invite\/[A-Za-z0-9_-]{43}$/);
    await expect(page.getByRole('cell', { name: email, exact: true })).toBeVisible(); // pending invitations

    const guest = await freshPage(browser);
    try {
      await guest.page.goto(new URL(link).pathname);
      await expect(guest.page.getByText('as support')).toBeVisible();
      await guest.page.getByLabel('Your name').fill(name);
      await guest.page.getByLabel('Password', { exact: true }).fill(password);
      await guest.page.getByLabel('Confirm password').fill(password);
      await guest.page.getByRole('button', { name: 'Create account and join' }).click();
      await expect(guest.page).toHaveURL(/\/login\?notice=joined/);
      await expect(guest.page.getByRole('status')).toContainText('Your account is ready');

      await signIn(guest.page, email, password);
      await expect(guest.page.getByRole('heading', { name: 'Transactions' })).toBeVisible();
      await expect(nav(guest.page).getByRole('link', { name: 'Replays' })).toBeVisible();
      await expect(nav(guest.page).getByRole('link', { name: 'Settings' })).toHaveCount(0);

      // the link worked once
      await guest.page.goto(new URL(link).pathname);
      await expect(
        guest.page.getByRole('alert').filter({ hasText: 'already been used' }),
      ).toBeVisible();
    } finally {
      await guest.close();
    }
  });

  test('is made a viewer by the admin: their session ends, and signing in again shows the new role', async ({
    page,
    login,
    browser,
  }) => {
    const member = await freshPage(browser);
    try {
      await signIn(member.page, email, password);
      await expect(nav(member.page).getByRole('link', { name: 'Replays' })).toBeVisible();

      await login.signInAs('admin');
      await page.goto('/settings/users');
      await page.getByLabel(`Role of ${name}`).selectOption('viewer');
      const dialog = page.getByRole('alertdialog', { name: 'Change role?' });
      await expect(dialog).toContainText('support');
      await dialog.getByRole('button', { name: 'Change role' }).click();
      await expect(page.getByText('Role changed to viewer.')).toBeVisible();

      // a role change ends the member's sessions (lib/identity/user-session.ts): sign in again
      await member.page.reload();
      await expect(member.page).toHaveURL(/\/login/);
      await signIn(member.page, email, password);
      await expect(nav(member.page).getByRole('link', { name: 'Transactions' })).toBeVisible();
      await expect(nav(member.page).getByRole('link', { name: 'Replays' })).toHaveCount(0);
      await expect(banner(member.page).getByText('viewer', { exact: true })).toBeVisible();
    } finally {
      await member.close();
    }
  });
});

test('a person with two tenants switches to the other and sees its name', async ({
  page,
  login,
}) => {
  await seedSecondTenant(db, { userDomain: 'acme.test' }); // support@ is Globex's admin
  // a session of this test's own: switching moves it to the other tenant
  await login.signInAs('support', { fresh: true });
  const switcher = tenantSwitcher(page, /Switch tenant \(current: Acme/);
  await expect(switcher).toBeVisible();
  await expect(switcher).toBeEnabled(); // once the browser has read its session
  await switcher.press('Enter'); // keyboard: opens the menu
  await page.getByRole('menuitemradio', { name: /Globex Supply/ }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(tenantSwitcher(page, /Switch tenant \(current: Globex Supply\)/)).toBeVisible();
  // support@ is an admin in Globex: the role comes from that membership
  await expect(nav(page).getByRole('link', { name: 'Settings' })).toBeVisible();
});

test('five wrong passwords lock the account, with the same message as any refusal', async ({
  page,
}) => {
  const email = `lock-${randomBytes(4).toString('hex')}@example.test`;
  const password = 'the right password 42';
  const tenant = await db.tenant.findUniqueOrThrow({ where: { slug: 'acme' } });
  const user = await db.user.create({
    data: { email, name: 'Lou Locked', passwordHash: await hashPassword(password) },
  });
  await db.membership.create({ data: { tenantId: tenant.id, userId: user.id, role: 'viewer' } });

  for (let i = 1; i <= 5; i++) {
    await signIn(page, email, `wrong password ${i}`);
    await expect(page.getByRole('alert').filter({ hasText: GENERIC })).toBeVisible();
  }
  // locked: the right password gets the very same words, and no session
  await signIn(page, email, password);
  await expect(page.getByRole('alert').filter({ hasText: GENERIC })).toBeVisible();
  await page.goto('/transactions');
  await expect(page).toHaveURL(/\/login/);
  // and an unknown email reads exactly the same
  await signIn(page, `nobody-${randomBytes(3).toString('hex')}@example.test`, password);
  await expect(page.getByRole('alert').filter({ hasText: GENERIC })).toBeVisible();
  const locked = await db.user.findUniqueOrThrow({ where: { id: user.id } });
  expect(locked.lockedUntil?.getTime()).toBeGreaterThan(Date.now());
});
