import { createHash, randomBytes } from 'node:crypto';
import type { DemoRole } from '../../pages/login-page';
import { expect, test } from '../../support';
import { consolePaths } from '../../support/console-paths';
import { seriousViolations, sweepPages } from '../../support/page-sweep';
import { withSuiteDb } from '../../support/suite-db';

// Every console screen, as the role with the most on screen (admin: every button and form) and as
// the one with the least (viewer: masked data, no actions), checked by axe in light and in dark
// mode (the system's preference, which the console follows); the admin's pages also must not
// scroll sideways at 390, 1280 and 1920 px. Each page is loaded once for all of it
// (e2e/support/page-sweep.ts). Serious and critical violations fail; the list names the page and
// the rule so the fix is findable.

/**
 * A live invitation and password-reset link for the pages anyone with the link opens: stored as
 * the console stores them (the SHA-256 of a 32-byte secret), for an address and a user of the
 * demo tenant that no other spec signs in with.
 */
async function publicLinks(): Promise<{ invite: string; reset: string }> {
  const secret = () => randomBytes(32).toString('base64url');
  const hash = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
  const [invite, reset] = [secret(), secret()];
  await withSuiteDb(async (client) => {
    await client.query(
      `INSERT INTO invitations (id, tenant_id, email, role, token_hash, expires_at)
       SELECT gen_random_uuid(), t.id, 'a11y.' || $2 || '@acme.test', 'viewer', $1, now() + interval '1 day'
       FROM tenants t WHERE t.slug = 'acme'`,
      [hash(invite), invite.slice(0, 8).toLowerCase()],
    );
    await client.query(
      `INSERT INTO password_resets (id, user_id, token_hash, expires_at)
       SELECT gen_random_uuid(), u.id, $1, now() + interval '1 day'
       FROM users u WHERE u.email = 'viewer@acme.test'`,
      [hash(reset)],
    );
  });
  return { invite: `/invite/${invite}`, reset: `/reset-password/${reset}` };
}

test('the sign-in, invitation and password-reset pages have no serious accessibility violations (light and dark)', async ({
  page,
}) => {
  const links = await publicLinks();
  expect(
    await sweepPages(
      page,
      { login: '/login', invitation: links.invite, 'password reset': links.reset },
      { widths: false },
    ),
  ).toEqual([]);
  // the links were live: each page shows its form, not the expired-link answer
  await page.goto(links.reset);
  await expect(page.getByText(/expired or was already used/)).toHaveCount(0);
});

// The admin's pages in two halves (every other page), one per sweep worker; the viewer's (about
// half as many) in one.
const SWEEPS: { role: DemoRole; part: number; of: number }[] = [
  { role: 'admin', part: 1, of: 2 },
  { role: 'admin', part: 2, of: 2 },
  { role: 'viewer', part: 1, of: 1 },
];

for (const { role, part, of } of SWEEPS)
  test(`every console page: no serious accessibility violations in light and dark${
    role === 'admin' ? ', no sideways scroll at 390, 1280 and 1920 px' : ''
  } (${role}, ${part} of ${of})`, async ({ page, login, sendPaidOrder, baseURL }) => {
    // a dozen or more pages, each loaded to network idle and read by axe twice
    test.setTimeout(300_000);
    const orderNumber = await sendPaidOrder();
    await login.signInAs(role);
    const all = Object.entries(await consolePaths(page, role, orderNumber, baseURL ?? ''));
    // every other page, so each half gets its share of the heavy lists and details
    const mine = Object.fromEntries(all.filter((_, i) => i % of === part - 1));
    expect(await sweepPages(page, mine, { widths: role === 'admin' })).toEqual([]);
  });

test('the command palette has no serious accessibility violations (light and dark)', async ({
  page,
  login,
}) => {
  await login.signInAs('support');
  await page.keyboard.press('ControlOrMeta+k');
  await expect(page.getByRole('dialog')).toBeVisible();
  await page.emulateMedia({ colorScheme: 'light' });
  expect(await seriousViolations(page, { scope: '[role="dialog"]' })).toEqual([]);
  await page.emulateMedia({ colorScheme: 'dark' });
  expect(await seriousViolations(page, { scope: '[role="dialog"]', onlyColour: true })).toEqual([]);
});
