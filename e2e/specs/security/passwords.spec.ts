// Passwords without an operator at the server (issue 20): an admin creates a member's reset link
// on Users and roles, the link works once; an admin signs a member out of every browser; a person
// changes their own password on /account and their other browsers are signed out while this one
// stays. Each test has people of its own: ending a demo user's sessions would sign out other specs.
import { randomBytes } from 'node:crypto';
import { createDb, type Db, type Role } from '@/lib/db';
import { PASSWORD_RESET_REFUSED } from '@/lib/identity/password-reset';
import { expect, registerSecret, test } from '../../support';
import {
  apiStatus,
  browserFor,
  closeAll,
  sentToSignIn,
  signedIn,
  signIn,
} from '../../support/browser-sessions';
import { freshPerson as freshPersonIn } from '../../support/fresh-person';

let db: Db;
let acmeId: string;
test.beforeAll(async () => {
  db = createDb({ connectionString: process.env.E2E_DATABASE_URL ?? '', poolSize: 2 });
  acmeId = (await db.tenant.findUniqueOrThrow({ where: { slug: 'acme' } })).id;
});
test.afterAll(async () => {
  await db.$disconnect();
});

const unique = () => randomBytes(4).toString('hex');
const freshPerson = (role: Role) => freshPersonIn(db, [{ tenantId: acmeId, role }]);
const newPassword = () => {
  const password = `a new password of mine ${unique()}`;
  registerSecret(password, 'e2e new password');
  return password;
};

test('an admin creates a reset link on Users and roles; it works once', async ({
  browser,
  page,
}) => {
  const member = await freshPerson('support');
  const admin = await freshPerson('admin');
  const guest = await browserFor(browser);
  try {
    await signIn(page, admin.email, admin.password);
    await page.goto('/settings/users');
    await page.getByRole('button', { name: `Reset password of ${member.name}` }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Create a password reset link?' });
    await expect(dialog).toContainText(member.email);
    await dialog.getByRole('button', { name: 'Create reset link' }).click();
    const region = page.getByRole('region', { name: 'Password reset link' });
    await expect(region).toContainText(`give it to ${member.email}`);
    const link = (await region.getByTestId('reset-link').textContent()) ?? '';
    expect(link).toMatch(/\/reset-password\/[A-Za-z0-9_-]{43}$/);
    registerSecret(link.split('/').pop() ?? '', 'e2e reset link secret');

    const chosen = newPassword();
    const person = await guest.newPage();
    await person.goto(link);
    await person.getByLabel('New password', { exact: true }).fill(chosen);
    await person.getByLabel('Confirm new password').fill(chosen);
    await person.getByRole('button', { name: 'Save new password' }).click();
    await expect(person).toHaveURL(/\/login\?notice=password_reset/);
    await signIn(person, member.email, chosen);

    // the same link again: refused, and the password stays the one chosen
    await person.goto(link);
    await expect(person.getByText(PASSWORD_RESET_REFUSED)).toBeVisible();
    await expect(person.getByLabel('New password', { exact: true })).toHaveCount(0);
    const audited = await db.auditEntry.count({
      where: { tenantId: acmeId, objectId: member.id, action: 'auth.password_reset_issued' },
    });
    expect(audited).toBe(1);
  } finally {
    await closeAll(guest);
  }
});

test('an admin signs a member out of every browser', async ({ browser, page }) => {
  const member = await freshPerson('viewer');
  const admin = await freshPerson('admin');
  const first = await signedIn(browser, member);
  const second = await signedIn(browser, member);
  try {
    await signIn(page, admin.email, admin.password);
    await page.goto('/settings/users');
    const row = page.getByRole('row').filter({ hasText: member.email });
    await expect(row).toContainText('2 browsers');
    // one browser first, from the list of where members are signed in
    const sessions = page
      .getByRole('table', { name: 'Where members are signed in' })
      .getByRole('row')
      .filter({ hasText: member.name });
    await expect(sessions).toHaveCount(2);
    await sessions.first().getByRole('button', { name: /^End / }).click();
    await page
      .getByRole('alertdialog', { name: "End this member's session?" })
      .getByRole('button', { name: 'End session' })
      .click();
    await expect(page.getByText('Session ended: that browser is signed out.')).toBeVisible();
    await expect(sessions).toHaveCount(1);
    await expect(row).toContainText('1 browser');
    expect((await Promise.all([first, second].map((s) => apiStatus(s.cookies)))).sort()).toEqual([
      200, 401,
    ]);
    await page.getByRole('button', { name: `Sign out ${member.name}` }).click();
    await page
      .getByRole('alertdialog', { name: 'Sign this member out everywhere?' })
      .getByRole('button', { name: 'Sign out' })
      .click();
    await expect(page.getByText('Signed out of one browser.')).toBeVisible();
    await expect(row).toContainText('no browser');
    for (const s of [first, second]) {
      expect(await apiStatus(s.cookies)).toBe(401);
      await sentToSignIn(browser, s.cookies);
    }
  } finally {
    await closeAll(first.context, second.context);
  }
});

test('a person changes their password: other browsers are signed out, this one stays', async ({
  browser,
}) => {
  const person = await freshPerson('finance');
  const here = await signedIn(browser, person);
  const there = await signedIn(browser, person);
  const later = await browserFor(browser);
  try {
    await here.page.goto('/account');
    const form = here.page.getByRole('form', { name: 'Change password' });
    // a wrong current password changes nothing
    const chosen = newPassword();
    await form.getByLabel('Current password').fill('not the password at all');
    await form.getByLabel('New password', { exact: true }).fill(chosen);
    await form.getByLabel('Confirm new password').fill(chosen);
    await form.getByRole('button', { name: 'Change password' }).click();
    await expect(form.getByRole('alert')).toContainText('current password is not right');
    expect(await apiStatus(there.cookies)).toBe(200);

    await form.getByLabel('Current password').fill(person.password);
    await form.getByLabel('New password', { exact: true }).fill(chosen);
    await form.getByLabel('Confirm new password').fill(chosen);
    await form.getByRole('button', { name: 'Change password' }).click();
    await expect(form.getByRole('status')).toContainText(
      'Password changed. One other browser was signed out.',
    );
    expect(await apiStatus(there.cookies)).toBe(401);
    expect(await apiStatus(here.cookies)).toBe(200);
    await there.page.reload();
    await expect(there.page).toHaveURL(/\/login/);

    // the old password no longer signs in; the new one does
    const page = await later.newPage();
    await page.goto('/login');
    await page.getByLabel('Email').fill(person.email);
    await page.getByLabel('Password').fill(person.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(/\/login/);
    await signIn(page, person.email, chosen);
    const audited = await db.auditEntry.count({
      where: { tenantId: acmeId, objectId: person.id, action: 'auth.password_changed' },
    });
    expect(audited).toBe(1);
  } finally {
    await closeAll(here.context, there.context, later);
  }
});
