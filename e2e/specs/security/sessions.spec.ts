// Sessions that end (issue 16): a session cookie copied before sign-out is refused afterwards —
// the console sends it to sign in, /api/v1 answers 401 — and so is every session of a removed
// member, of a person whose password was reset, and of every browser after "sign out everywhere".
// Each test signs in its own fresh person: ending all sessions of a demo user would sign out the
// other specs.
import { randomBytes } from 'node:crypto';
import type { Browser, Cookie } from '@playwright/test';
import { createDb, type Db, type Role } from '@/lib/db';
import { issuePasswordReset } from '@/lib/identity/password-reset';
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
const extraTenants: string[] = [];
test.beforeAll(async () => {
  // e2e/global-setup.ts only hands out the suite's own database (it refuses any other).
  db = createDb({ connectionString: process.env.E2E_DATABASE_URL ?? '', poolSize: 2 });
  acmeId = (await db.tenant.findUniqueOrThrow({ where: { slug: 'acme' } })).id;
});
test.afterAll(async () => {
  await db.tenant.deleteMany({ where: { id: { in: extraTenants } } });
  await db.$disconnect();
});

const unique = () => randomBytes(4).toString('hex');
const freshPerson = (memberships: { tenantId: string; role: Role }[]) =>
  freshPersonIn(db, memberships);

/** A tenant only this spec uses (removed afterwards). */
async function ownTenant() {
  const slug = `sess-${unique()}`;
  const { id } = await db.tenant.create({ data: { slug, name: `Sessions ${slug}` } });
  extraTenants.push(id);
  return id;
}

/** A fresh browser holding only the copied cookie opens a console page (its heading shows). */
async function opens(browser: Browser, cookies: Cookie[], path: string, heading: string) {
  const context = await browserFor(browser);
  try {
    await context.addCookies(cookies);
    const page = await context.newPage();
    await page.goto(path);
    await expect(page.getByRole('heading', { name: heading, exact: true })).toBeVisible();
  } finally {
    await context.close();
  }
}

const sessionRows = (userId: string) => db.userSession.count({ where: { userId } });

test('a session cookie copied before sign-out is refused after it: page to sign-in, API 401', async ({
  browser,
}) => {
  const person = await freshPerson([{ tenantId: acmeId, role: 'finance' }]);
  const { context, page, cookies } = await signedIn(browser, person);
  try {
    // the copy works while the session lives: the audit log and the API
    await opens(browser, cookies, '/audit', 'Audit log');
    expect(await apiStatus(cookies)).toBe(200);

    await page.goto('/api/auth/signout');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(/\/login/);
    expect(await sessionRows(person.id)).toBe(0);

    await sentToSignIn(browser, cookies, '/audit');
    expect(await apiStatus(cookies)).toBe(401);
  } finally {
    await closeAll(context);
  }
});

test('every session of a removed member is refused, also one acting in another tenant', async ({
  browser,
  page,
  login,
}) => {
  // Member of an own tenant first (so sign-in lands there), then of Acme: membership alone would
  // keep a session in the own tenant working after the Acme removal; the ended sessions do not.
  const other = await ownTenant();
  const member = await freshPerson([
    { tenantId: other, role: 'viewer' },
    { tenantId: acmeId, role: 'support' },
  ]);
  const first = await signedIn(browser, member);
  const second = await signedIn(browser, member);
  try {
    for (const s of [first, second]) expect(await apiStatus(s.cookies)).toBe(200);
    await opens(browser, first.cookies, '/transactions', 'Transactions');

    await login.signInAs('admin');
    await page.goto('/settings/users');
    await page.getByRole('button', { name: `Remove ${member.name}` }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Remove this member?' });
    await dialog.getByRole('button', { name: 'Remove member' }).click();
    await expect(page.getByText('Removed from this tenant.')).toBeVisible();
    await expect(page.getByRole('button', { name: `Remove ${member.name}` })).toHaveCount(0);

    expect(await sessionRows(member.id)).toBe(0);
    for (const s of [first, second]) {
      expect(await apiStatus(s.cookies)).toBe(401);
      await sentToSignIn(browser, s.cookies);
    }
    await first.page.reload();
    await expect(first.page).toHaveURL(/\/login/);
    // signing in again works, in the tenant they still belong to
    await signIn(second.page, member.email, member.password);
    await expect(second.page.getByText(/Sessions sess-/)).toBeVisible();
  } finally {
    await closeAll(first.context, second.context);
  }
});

test('a password reset ends the sessions of the person', async ({ browser }) => {
  const person = await freshPerson([{ tenantId: acmeId, role: 'viewer' }]);
  const before = await signedIn(browser, person);
  const guest = await browserFor(browser);
  try {
    expect(await apiStatus(before.cookies)).toBe(200);
    // what `waybill user reset-password` does, then the person opens the link
    const reset = await issuePasswordReset(db, {
      email: person.email,
      actor: { id: 'cli:e2e', label: 'waybill CLI (e2e)' },
    });
    registerSecret(reset.path.split('/').pop() ?? '', 'e2e password reset secret');
    const newPassword = `a new session password ${unique()}`;
    registerSecret(newPassword, 'e2e new password');
    const page = await guest.newPage();
    await page.goto(reset.path);
    await page.getByLabel('New password', { exact: true }).fill(newPassword);
    await page.getByLabel('Confirm new password').fill(newPassword);
    await page.getByRole('button', { name: 'Save new password' }).click();
    await expect(page).toHaveURL(/\/login\?notice=password_reset/);

    expect(await apiStatus(before.cookies)).toBe(401);
    await before.page.reload();
    await expect(before.page).toHaveURL(/\/login/);
    await signIn(page, person.email, newPassword);
  } finally {
    await closeAll(before.context, guest);
  }
});

test('"sign out everywhere" ends the session of another browser, and this one; one other session can be ended from the list', async ({
  browser,
}) => {
  const person = await freshPerson([{ tenantId: acmeId, role: 'viewer' }]);
  const here = await signedIn(browser, person);
  let there = await signedIn(browser, person);
  try {
    // the list: two sessions, this one marked; ending the other signs that browser out
    await here.page.getByRole('link', { name: person.name }).click();
    await expect(here.page.getByRole('heading', { name: 'Your sessions' })).toBeVisible();
    const rows = here.page.getByRole('table', { name: 'Your sessions' }).getByRole('row');
    await expect(rows).toHaveCount(3); // header + two sessions
    await expect(here.page.getByText('this browser')).toHaveCount(1);
    await here.page.getByRole('button', { name: /^End / }).click();
    await here.page
      .getByRole('alertdialog', { name: 'End this session?' })
      .getByRole('button', { name: 'End session' })
      .click();
    await expect(here.page.getByText('Session ended')).toBeVisible();
    await expect(rows).toHaveCount(2);
    expect(await apiStatus(there.cookies)).toBe(401);
    expect(await apiStatus(here.cookies)).toBe(200);
    await there.context.close();

    there = await signedIn(browser, person);
    await here.page.reload();
    await expect(rows).toHaveCount(3);
    await here.page.getByRole('button', { name: 'Sign out everywhere' }).click();
    await here.page
      .getByRole('alertdialog', { name: 'Sign out everywhere?' })
      .getByRole('button', { name: 'Sign out everywhere' })
      .click();
    await expect(here.page).toHaveURL(/\/login\?notice=signed_out_everywhere/);
    await expect(here.page.getByRole('status')).toContainText('signed out on every device');

    expect(await sessionRows(person.id)).toBe(0);
    for (const s of [here, there]) expect(await apiStatus(s.cookies)).toBe(401);
    await there.page.reload();
    await expect(there.page).toHaveURL(/\/login/);
    const audited = await db.auditEntry.count({
      where: { objectId: person.id, action: 'auth.signed_out_everywhere', tenantId: acmeId },
    });
    expect(audited).toBe(1);
  } finally {
    await closeAll(here.context, there.context);
  }
});
