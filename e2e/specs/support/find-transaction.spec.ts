import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '../../support';

test('support finds the transaction a webhook created and sees its timeline end in completed', async ({
  page,
  login,
  transactions,
  sendPaidOrder,
}) => {
  const orderNumber = await sendPaidOrder();
  await login.signInAs('support');
  await transactions.openOrder(orderNumber);

  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId('transaction-status')).toHaveText('completed', { timeout: 1000 });
  }).toPass({ timeout: 30_000 });

  const entries = page.getByTestId('timeline-entry');
  await expect(entries.first()).toHaveAttribute('data-type', 'inbound.accepted');
  await expect(entries.last()).toHaveAttribute('data-type', 'status.changed');
  await expect(entries.last()).toContainText('completed');
  await expect(
    page.getByTestId('timeline-entry').filter({ hasText: 'Warehouse answered' }),
  ).toContainText(/FUL-\d+/);
  await expect(page.getByTestId('external-refs')).toHaveText(/warehouse: FUL-\d+/);
});

test('the console pages have no serious accessibility violations', async ({
  page,
  login,
  transactions,
  sendPaidOrder,
}) => {
  const orderNumber = await sendPaidOrder();
  await page.goto('/login');
  const pages: string[] = [];
  const audit = async (name: string) => {
    const result = await new AxeBuilder({ page }).analyze();
    const serious = result.violations.filter(
      (v) => v.impact === 'serious' || v.impact === 'critical',
    );
    expect(serious.map((v) => `${name}: ${v.id} ${v.help}`)).toEqual([]);
    pages.push(name);
  };
  await audit('login');
  await login.signInAs('admin');
  await audit('transactions');
  await transactions.openOrder(orderNumber);
  await audit('transaction');
  await page.goto('/settings');
  await audit('settings');
  await page.goto('/inbound');
  await audit('inbound');
  await page.goto('/connections');
  await audit('connections');
  await page.goto('/replays?preview=1&statuses=failed&statuses=needs_review');
  await audit('replays');
  expect(pages).toHaveLength(7);
});
