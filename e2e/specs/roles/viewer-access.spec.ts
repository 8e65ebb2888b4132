import { expect, test } from '../../support';

test('the viewer cannot reach admin pages: the server answers 403, not only the menu', async ({
  page,
  login,
}) => {
  await login.signInAs('viewer');
  await expect(
    page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }),
  ).toHaveCount(0);
  const response = await page.goto('/settings');
  expect(response?.status()).toBe(403);
  await expect(
    page.getByRole('heading', { name: 'You do not have access to this page' }),
  ).toBeVisible();
  await expect(page.getByText('admin@acme.test')).toHaveCount(0);
});

test('the admin reaches the same page', async ({ page, login }) => {
  await login.signInAs('admin');
  const response = await page.goto('/settings');
  expect(response?.status()).toBe(200);
  await expect(page.getByRole('cell', { name: 'viewer@acme.test' })).toBeVisible();
});

test('the viewer sees personal data masked on a transaction', async ({
  page,
  login,
  transactions,
  sendPaidOrder,
}) => {
  const orderNumber = await sendPaidOrder();
  await login.signInAs('viewer');
  await transactions.openOrder(orderNumber);
  await page.getByText('Raw payload').click();
  await expect(page.getByText(`buyer${orderNumber}@example.com`)).toHaveCount(0);
  // An email field is masked whole; names and addresses too.
  const payload = page.getByLabel('Raw payload', { exact: true });
  await expect(payload).toContainText('"email": "•••"');
  await expect(payload).toContainText('"address1": "•••"');
  await expect(payload).not.toContainText('Ada Lovelace');
});

test('signed-out visitors are sent to sign in', async ({ page }) => {
  await page.goto('/transactions');
  await expect(page).toHaveURL(/\/login/);
});
