import { createHash, randomBytes } from 'node:crypto';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import pg from 'pg';
import type { DemoRole } from '../../pages/login-page';
import { expect, test } from '../../support';
import { consolePaths } from '../../support/console-paths';

// Every console screen, as the role with the most on screen (admin: every button and form) and as
// the one with the least (viewer: masked data, no actions), checked by axe in light and in dark
// mode (the system's preference, which the console follows). Serious and critical violations
// fail; the list names the page and the rule so the fix is findable.
async function auditPages(page: Page, paths: Record<string, string>) {
  // axe must read a still page: the screens that poll (overview, a transaction or journey in
  // motion, a running reconciliation) re-render every few seconds, and a refresh landing during an
  // analysis reports the half-replaced page. They poll only while the tab is visible
  // (components/ui/auto-refresh.tsx), so the audit's tab says it is hidden.
  await page.addInitScript(() =>
    Object.defineProperty(document, 'visibilityState', { get: () => 'hidden' }),
  );
  const problems: string[] = [];
  for (const [name, path] of Object.entries(paths)) {
    const response = await page.goto(path);
    expect(response?.status(), `${name} (${path})`).toBeLessThan(400);
    await page.waitForLoadState('networkidle');
    const result = await new AxeBuilder({ page }).analyze();
    for (const v of result.violations)
      if (v.impact === 'serious' || v.impact === 'critical')
        problems.push(
          `${name}: ${v.id} — ${v.help} (${v.nodes.length}×: ${v.nodes
            .slice(0, 3)
            .map((n) => n.target.join(' '))
            .join(' | ')})`,
        );
  }
  return problems;
}

/**
 * A live invitation and password-reset link for the pages anyone with the link opens: stored as
 * the console stores them (the SHA-256 of a 32-byte secret), for an address and a user of the
 * demo tenant that no other spec signs in with.
 */
async function publicLinks(): Promise<{ invite: string; reset: string }> {
  const secret = () => randomBytes(32).toString('base64url');
  const hash = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
  const [invite, reset] = [secret(), secret()];
  const client = new pg.Client({ connectionString: process.env.E2E_DATABASE_URL });
  await client.connect();
  try {
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
  } finally {
    await client.end();
  }
  return { invite: `/invite/${invite}`, reset: `/reset-password/${reset}` };
}

for (const colorScheme of ['light', 'dark'] as const) {
  test(`the sign-in, invitation and password-reset pages have no serious accessibility violations (${colorScheme})`, async ({
    page,
  }) => {
    await page.emulateMedia({ colorScheme });
    const links = await publicLinks();
    expect(
      await auditPages(page, {
        login: '/login',
        invitation: links.invite,
        'password reset': links.reset,
      }),
    ).toEqual([]);
    // the links were live: each page shows its form, not the expired-link answer
    await page.goto(links.reset);
    await expect(page.getByText(/expired or was already used/)).toHaveCount(0);
  });

  for (const role of ['admin', 'viewer'] satisfies DemoRole[]) {
    test(`every console page has no serious accessibility violations (${role}, ${colorScheme})`, async ({
      page,
      login,
      sendPaidOrder,
      baseURL,
    }) => {
      // about twenty-five pages, each loaded to network idle and analysed by axe
      test.setTimeout(300_000);
      await page.emulateMedia({ colorScheme });
      const orderNumber = await sendPaidOrder();
      await login.signInAs(role);
      const paths = await consolePaths(page, role, orderNumber, baseURL ?? '');
      expect(await auditPages(page, paths)).toEqual([]);
    });
  }

  test(`the command palette has no serious accessibility violations (${colorScheme})`, async ({
    page,
    login,
  }) => {
    await page.emulateMedia({ colorScheme });
    await login.signInAs('support');
    await page.keyboard.press('ControlOrMeta+k');
    await expect(page.getByRole('dialog')).toBeVisible();
    const result = await new AxeBuilder({ page }).include('[role="dialog"]').analyze();
    const serious = result.violations.filter(
      (v) => v.impact === 'serious' || v.impact === 'critical',
    );
    expect(serious.map((v) => `${v.id} — ${v.help}`)).toEqual([]);
  });
}
