// Single sign-on in the browser (issue 20) against a real OpenID Connect provider the stack starts
// (test/support/oidc-provider.ts): "Continue with Acme SSO" on the sign-in page, the provider's
// own page, back in the console. A member with an account signs in and is linked; an invited
// person joins with the invited role; an unverified email and a stranger are refused with words.
import { randomBytes } from 'node:crypto';
import type { Page } from '@playwright/test';
import { createDb, type Db } from '@/lib/db';
import { inviteMember } from '@/lib/members/invite-member';
import { addOidcAccount } from '@/test/support/oidc-provider';
import { expect, test } from '../../support';
import { browserFor } from '../../support/browser-sessions';
import { freshPerson } from '../../support/fresh-person';

let db: Db;
let acmeId: string;
const issuer = () => process.env.E2E_OIDC_ISSUER ?? '';
test.beforeAll(async () => {
  db = createDb({ connectionString: process.env.E2E_DATABASE_URL ?? '', poolSize: 2 });
  acmeId = (await db.tenant.findUniqueOrThrow({ where: { slug: 'acme' } })).id;
});
test.afterAll(async () => {
  await db.$disconnect();
});

const unique = () => randomBytes(4).toString('hex');

/** From the sign-in page through the provider's page and back. */
async function ssoSignIn(page: Page, login: string) {
  await page.goto('/login');
  await page.getByRole('button', { name: 'Continue with Acme SSO' }).click();
  await page.getByLabel('Login').fill(login);
  await page.getByRole('button', { name: 'Continue' }).click();
}

test('a member signs in through the identity provider and is linked to it', async ({ page }) => {
  const person = await freshPerson(db, [{ tenantId: acmeId, role: 'support' }]);
  const account = await addOidcAccount(issuer(), { email: person.email, name: person.name });
  await ssoSignIn(page, account.login);
  await expect(page.getByRole('heading', { name: 'Transactions' })).toBeVisible();
  const link = await db.userIdentity.findFirstOrThrow({ where: { userId: person.id } });
  expect(link).toMatchObject({
    issuer: expect.stringContaining('127.0.0.1'),
    subject: account.subject,
  });
  const signedIn = await db.auditEntry.findFirstOrThrow({
    where: { tenantId: acmeId, objectId: person.id, action: 'auth.signed_in' },
    orderBy: { id: 'desc' },
  });
  expect(signedIn.after).toMatchObject({ method: 'oidc' });
  // the session is a server-side one like any other: listed on /account
  await page.goto('/account');
  await expect(page.getByRole('heading', { name: 'Your sessions' })).toBeVisible();
  await expect(page.getByText('this browser', { exact: false }).first()).toBeVisible();
});

test('an invited person joins with the invited role on their first single sign-on', async ({
  page,
}) => {
  const email = `sso-invitee-${unique()}@example.test`;
  const admin = await db.membership.findFirstOrThrow({
    where: { tenantId: acmeId, role: 'admin' },
    select: { user: { select: { id: true, name: true } } },
  });
  await inviteMember(db, acmeId, {
    email,
    role: 'finance',
    actor: { kind: 'user', userId: admin.user.id, name: admin.user.name },
  });
  await addOidcAccount(issuer(), { email, name: 'Ines Invited' });
  await ssoSignIn(page, email);
  await expect(page.getByRole('heading', { name: 'Transactions' })).toBeVisible();
  const member = await db.membership.findFirstOrThrow({
    where: { tenantId: acmeId, user: { email } },
  });
  expect(member.role).toBe('finance');
});

test('an unverified email and a stranger are refused, each with words', async ({
  page,
  browser,
}) => {
  const unverified = `sso-unverified-${unique()}@example.test`;
  await freshPerson(db, [{ tenantId: acmeId, role: 'viewer' }]);
  await addOidcAccount(issuer(), { email: unverified, emailVerified: false });
  await ssoSignIn(page, unverified);
  await expect(page).toHaveURL(/\/login\?error=sso_email_not_verified/);
  await expect(page.getByText('did not confirm your email address')).toBeVisible();

  // another browser: the provider remembers who signed in at it in this one
  const elsewhere = await browserFor(browser);
  try {
    const other = await elsewhere.newPage();
    const stranger = `sso-stranger-${unique()}@elsewhere.test`;
    await ssoSignIn(other, stranger); // anyLogin: a verified account the provider makes on the spot
    await expect(other).toHaveURL(/\/login\?error=sso_no_membership/);
    await expect(other.getByText('has no account or invitation here')).toBeVisible();
    expect(await db.user.count({ where: { email: stranger } })).toBe(0);
  } finally {
    await elsewhere.close();
  }
});
