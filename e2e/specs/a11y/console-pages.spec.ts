import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import type { DemoRole } from '../../pages/login-page';
import { expect, test } from '../../support';

// Every console screen, as the role with the most on screen (admin: every button and form) and as
// the one with the least (viewer: masked data, no actions), checked by axe. Serious and critical
// violations fail; the list names the page and the rule so the fix is findable.
async function auditPages(page: Page, paths: Record<string, string>) {
  const problems: string[] = [];
  for (const [name, path] of Object.entries(paths)) {
    const response = await page.goto(path);
    expect(response?.status(), `${name} (${path})`).toBeLessThan(400);
    await page.waitForLoadState('networkidle');
    const result = await new AxeBuilder({ page }).analyze();
    for (const v of result.violations)
      if (v.impact === 'serious' || v.impact === 'critical')
        problems.push(`${name}: ${v.id} — ${v.help} (${v.nodes.length}×)`);
  }
  return problems;
}

async function transactionOf(page: Page, orderNumber: number): Promise<string> {
  const body = (await (await page.request.get(`/api/v1/orders/${orderNumber}`)).json()) as {
    transactions?: { id: string }[];
    steps?: { id: string }[];
  };
  const id = (body.transactions ?? body.steps ?? [])[0]?.id;
  if (!id) throw new Error(`no transaction for order ${orderNumber}: ${JSON.stringify(body)}`);
  return id;
}

test('the sign-in page has no serious accessibility violations', async ({ page }) => {
  expect(await auditPages(page, { login: '/login' })).toEqual([]);
});

for (const role of ['admin', 'viewer'] satisfies DemoRole[]) {
  test(`every console page has no serious accessibility violations (${role})`, async ({
    page,
    login,
    sendPaidOrder,
  }) => {
    const orderNumber = await sendPaidOrder();
    await login.signInAs(role);
    const transactionId = await transactionOf(page, orderNumber);
    const paths: Record<string, string> = {
      overview: '/',
      transactions: '/transactions',
      'transactions filtered': '/transactions?status=failed,needs_review',
      transaction: `/transactions/${transactionId}`,
      'order journey': `/orders/${orderNumber}`,
      search: `/search?q=${orderNumber}`,
      'error queues': '/errors',
      connections: '/connections',
      inbound: '/inbound',
    };
    if (role === 'admin') {
      paths.replays = '/replays?preview=1&statuses=failed&statuses=needs_review';
      paths.settings = '/settings';
    }
    expect(await auditPages(page, paths)).toEqual([]);
  });
}

test('the command palette has no serious accessibility violations', async ({ page, login }) => {
  await login.signInAs('support');
  await page.keyboard.press('ControlOrMeta+k');
  await expect(page.getByRole('dialog')).toBeVisible();
  const result = await new AxeBuilder({ page }).include('[role="dialog"]').analyze();
  const serious = result.violations.filter(
    (v) => v.impact === 'serious' || v.impact === 'critical',
  );
  expect(serious.map((v) => `${v.id} — ${v.help}`)).toEqual([]);
});
