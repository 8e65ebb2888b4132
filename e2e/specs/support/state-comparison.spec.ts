import { expect, test } from '../../support';

// Issue 6 acceptance: support opens a transaction's state comparison and sees the providers' live
// values, each with the time it was read.
test("support opens a completed order's state comparison and sees the warehouse's live values and reading times", async ({
  page,
  login,
  transactions,
  transaction,
  sendPaidOrder,
}) => {
  const orderNumber = await sendPaidOrder();
  await login.signInAs('support');
  await transactions.openOrder(orderNumber);
  await expect(async () => {
    await page.reload();
    await expect(transaction.status()).toHaveText('completed', { timeout: 1000 });
  }).toPass({ timeout: 30_000 });

  // Nothing is read before it is asked for.
  await expect(transaction.stateComparison()).toContainText('Compare with live systems');
  await expect(transaction.stateComparison().getByRole('table')).toHaveCount(0);

  await transaction.openStateComparison();
  const warehouse = transaction.comparisonReading('Warehouse (target)');
  await expect(warehouse).toContainText(/record FUL-\d+/);
  await expect(warehouse).toContainText('read at');
  await expect(warehouse.locator('time')).toHaveAttribute('datetime', /^\d{4}-\d\d-\d\dT/);
  await expect(transaction.comparisonReading('Storefront (source)')).toContainText('read at');

  // The order number as the ledger sent it and as the warehouse holds it now. (This order came as
  // a signed webhook only, so the storefront simulator has no record of it: that column says so.)
  const cells = transaction.comparisonRow('orderNumber').getByRole('cell');
  await expect(cells.nth(0)).toHaveText(String(orderNumber));
  await expect(cells.nth(2)).toHaveText(String(orderNumber));
  await expect(cells.nth(4)).toHaveText('Same');
  // The mapping makes the storefront the owner of the shipping address.
  await expect(transaction.comparisonRow('shipTo.city')).toContainText('Storefront owns it');
  // The summary speaks of the fields compared only, and counts them (issue 18).
  await expect(transaction.stateComparison().getByTestId('comparison-summary')).toHaveText(
    /^No differences in the fields that could be compared \(\d+ compared\)\./,
  );
});

test('the ERP comparison of the same order shows its live total and status', async ({
  page,
  login,
  transactions,
  transaction,
  sendPaidOrder,
}) => {
  // The ERP needs prices, a currency and a customer name to accept a sales order.
  const orderNumber = await sendPaidOrder({
    currency: 'EUR',
    total_price: '129.00',
    customer: { full_name: 'Ada Lovelace' },
    line_items: [{ sku: 'TENT-2P-GRN', quantity: 1, price: '129.00' }],
  });
  await login.signInAs('support');
  await transactions.openOrderInFlow(orderNumber, 'Paid orders → ERP sales order');
  await expect(async () => {
    await page.reload();
    await expect(transaction.status()).toHaveText('completed', { timeout: 1000 });
  }).toPass({ timeout: 30_000 });

  await transaction.openStateComparison();
  await expect(transaction.comparisonReading('ERP (target)')).toContainText(
    /record SO-\d+ · status OPEN · read at/,
  );
  const total = transaction.comparisonRow('total');
  await expect(total).toContainText('Same');
  await expect(total).toContainText('Storefront owns it');
  await expect(total.getByRole('cell').nth(0)).toHaveText(/^\d+\.\d\d$/);
});
