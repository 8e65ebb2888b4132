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

  // Newest first by default: the outcome leads, the webhook that started it ends the list.
  const entries = page.getByTestId('timeline-entry');
  await expect(entries.last()).toHaveAttribute('data-type', 'inbound.accepted');
  await expect(entries.first()).toHaveAttribute('data-type', 'status.changed');
  await expect(entries.first()).toContainText('completed');
  await expect(
    page.getByTestId('timeline-entry').filter({ hasText: 'Warehouse answered' }),
  ).toContainText(/FUL-\d+/);
  await expect(page.getByTestId('external-refs')).toHaveText(/warehouse: FUL-\d+/);
});
