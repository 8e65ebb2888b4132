import type { Page } from '@playwright/test';
import type { DemoRole } from '../../pages/login-page';
import { expect, test } from '../../support';

const KPIS = [
  'Received',
  'Completed',
  'Success rate',
  'Open failures',
  'Backlog',
  'Oldest pending',
];

async function expectOverview(page: Page) {
  await expect(page.getByRole('heading', { name: 'Overview', level: 1 })).toBeVisible();
  for (const kpi of KPIS)
    await expect(page.getByRole('term').filter({ hasText: new RegExp(`^${kpi}$`) })).toBeVisible();
  // the checks are the tenant's SLA rules (e2e/specs/admin/business-checks.spec.ts defines one)
  await expect(page.getByRole('heading', { name: 'Business checks' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Throughput by flow' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Failures by error class' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Flows' })).toBeVisible();
  await expect(
    // visible: under load the page can hold a hidden copy of its content for a moment
    page.getByTestId('overview-connection').filter({ hasText: 'Warehouse', visible: true }),
  ).toBeVisible();
}

for (const role of ['admin', 'support', 'finance', 'viewer'] satisfies DemoRole[]) {
  test(`${role} opens the overview and sees the key figures and the business checks`, async ({
    page,
    login,
    sendPaidOrder,
  }) => {
    await sendPaidOrder();
    await login.signInAs(role);
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Overview' })
      .click();
    await expectOverview(page);
    // Some traffic exists (the order above), so the page is not in its empty state.
    await expect(page.getByTestId('overview-empty')).toHaveCount(0);
    await expect(page.getByTestId('kpi-received').getByRole('definition').first()).not.toHaveText(
      '0',
    );
  });
}

test('the viewer sees health and paused state but no pause or resume buttons', async ({
  page,
  login,
}) => {
  await login.signInAs('viewer');
  await page.goto('/');
  await expectOverview(page);
  await expect(page.getByRole('button', { name: /^(Pause|Resume)\b/ })).toHaveCount(0);
  await expect(page.getByText(/circuit (closed|open|half-open)/i).first()).toBeVisible();
});

test('the window lives in the URL and the API answers the same read model', async ({
  page,
  login,
}) => {
  await login.signInAs('support');
  await page.goto('/');
  const windows = page.getByRole('navigation', { name: 'Time window' });
  await expect(windows.getByRole('link', { name: 'Last 24 hours' })).toHaveAttribute(
    'aria-current',
    'page',
  );
  await windows.getByRole('link', { name: 'Last hour' }).click();
  await expect(page).toHaveURL(/\?window=1h$/);
  await expect(windows.getByRole('link', { name: 'Last hour' })).toHaveAttribute(
    'aria-current',
    'page',
  );
  await expect(page.getByTestId('kpi-received').filter({ visible: true })).toContainText(
    'last hour',
  );

  const ok = await page.request.get('/api/v1/overview?window=7d');
  expect(ok.status()).toBe(200);
  const body = (await ok.json()) as {
    window: { name: string };
    outcomes: unknown[];
    businessChecks: { late: number }[];
  };
  expect(body.window.name).toBe('7d');
  expect(body.outcomes).toHaveLength(168);
  expect(Array.isArray(body.businessChecks)).toBe(true);
  expect((await page.request.get('/api/v1/overview?window=30d')).status()).toBe(422);
});

test('signed-out callers get no overview data from the API', async ({ request }) => {
  expect((await request.get('/api/v1/overview')).status()).toBe(401);
});
