import { expect, test } from '../../support';

// The Transaction screen's own actions: resolve and cancel with a note, add a note, each landing
// on the timeline with the person's name; the viewer sees none of them, sees personal data masked
// (copies included), and is refused by the server when calling the API directly.
const CRM_FLOW = 'Paid orders → CRM customer';
/** A customer the CRM can store, so the only thing wrong with the order is the chaos we set. */
const CUSTOMER = {
  customer: { first_name: 'Grace', last_name: 'Hopper', full_name: 'Grace Hopper' },
};

test.describe('support', () => {
  test('resolves a transaction in review with a note and adds a note, both on the timeline', async ({
    login,
    transactions,
    transaction,
    sendPaidOrder,
    chaos,
  }) => {
    await login.signInAs('support');
    const orderNumber = await withCrmTokenExpired(chaos, async () => {
      const order = await sendPaidOrder(CUSTOMER);
      await transactions.openOrderInFlow(order, CRM_FLOW, { status: 'needs_review' });
      return order;
    });
    await expect(transaction.status()).toHaveText('needs review');
    // The error class is explained in words, with what to do.
    await expect(transaction.lastError()).toContainText('The provider rejected our credentials.');
    await expect(transaction.attemptRows().first()).toContainText('failed');

    const context = `customer called about order ${orderNumber}`;
    await transaction.act('Add note', context);
    await expect(transaction.toast('Note added to the timeline.')).toBeVisible();
    const note = transaction.timelineEntries('note.added');
    await expect(note).toHaveCount(1);
    await expect(note).toContainText(context);
    await expect(note).toContainText('Support Acme');
    await expect(transaction.status()).toHaveText('needs review');

    const fix = `customer created by hand in the CRM (e2e ${orderNumber})`;
    await transaction.act('Resolve with note', fix);
    await expect(transaction.toast('Resolved: the transaction is completed')).toBeVisible();
    await expect(transaction.status()).toHaveText('completed');
    const resolved = transaction.timelineEntries('resolve.recorded');
    await expect(resolved).toHaveCount(1);
    await expect(resolved).toContainText(fix);
    await expect(resolved).toContainText('Support Acme');
    // A completed transaction offers neither resolve nor cancel any more; notes stay possible.
    await expect(transaction.actionButton('Resolve with note')).toHaveCount(0);
    await expect(transaction.actionButton('Cancel transaction')).toHaveCount(0);
    await expect(transaction.actionButton('Add note')).toBeVisible();
  });

  test('cancels a transaction with a note after confirming', async ({
    login,
    transactions,
    transaction,
    sendPaidOrder,
    chaos,
  }) => {
    await login.signInAs('support');
    const orderNumber = await withCrmTokenExpired(chaos, async () => {
      const order = await sendPaidOrder(CUSTOMER);
      await transactions.openOrderInFlow(order, CRM_FLOW, { status: 'needs_review' });
      return order;
    });

    // The confirm button waits for a note of at least three characters.
    await transaction.actionButton('Cancel transaction').click();
    const dialog = transaction.dialog();
    await expect(dialog.getByRole('button', { name: 'Yes, cancel it' })).toBeDisabled();
    await dialog.getByRole('button', { name: 'Cancel', exact: true }).click();
    await expect(transaction.status()).toHaveText('needs review');

    const why = `order ${orderNumber} voided in the storefront`;
    await transaction.act('Cancel transaction', why);
    await expect(transaction.toast('Cancelled: nothing more will be sent')).toBeVisible();
    await expect(transaction.status()).toHaveText('cancelled');
    await expect(transaction.timelineEntries('cancel.recorded')).toContainText(why);
    await expect(transaction.actionButton('Cancel transaction')).toHaveCount(0);
    await expect(transaction.replayButton()).toHaveCount(0);
  });
});

test('the viewer sees no action buttons, masked personal data, and the API refuses a resolve', async ({
  page,
  login,
  transactions,
  transaction,
  sendPaidOrder,
  baseURL,
}) => {
  // Records what Copy puts on the clipboard, without depending on clipboard permissions.
  await page.addInitScript(() => {
    Object.defineProperty(navigator, 'clipboard', {
      configurable: true,
      value: {
        writeText: (text: string) => {
          (window as unknown as { copied?: string }).copied = text;
          return Promise.resolve();
        },
      },
    });
  });
  const orderNumber = await sendPaidOrder();
  const email = `buyer${orderNumber}@example.com`;
  await login.signInAs('viewer');
  await transactions.openOrder(orderNumber);

  for (const action of ['Resolve with note', 'Cancel transaction', 'Add note'] as const)
    await expect(transaction.actionButton(action)).toHaveCount(0);
  await expect(transaction.replayButton()).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Actions', exact: true })).toHaveCount(0);

  // Masked in the header, in the raw payload and in what Copy puts on the clipboard.
  await expect(transaction.headerValue('Customer')).toHaveText('b***@example.com');
  await expect(page.getByText(email)).toHaveCount(0);
  await expect(transaction.payload('Raw payload')).toContainText('"email": "•••"');
  await transaction.copyPayloadButton('Raw payload').click();
  await expect(transaction.copyPayloadButton('Raw payload')).toHaveText('Copied');
  const copied = await page.evaluate(() => (window as unknown as { copied?: string }).copied);
  expect(copied).toContain('"email": "•••"');
  expect(copied).not.toContain(email);
  expect(copied).not.toContain('Ada Lovelace');

  // Hiding the buttons is not the boundary: the viewer's own session is refused by the server.
  for (const intent of ['resolve', 'cancel', 'notes'])
    expect(
      (
        await page.request.post(`/api/v1/transactions/${transaction.id()}/${intent}`, {
          data: { note: 'the viewer should never do this' },
          // from the console's origin, so the 403 is the role's, not the CSRF guard's
          headers: { origin: baseURL ?? '' },
        })
      ).status(),
      intent,
    ).toBe(403);
  await page.reload();
  await expect(transaction.timelineEntries('note.added')).toHaveCount(0);
  await expect(transaction.timelineEntries('resolve.recorded')).toHaveCount(0);
});

/**
 * Makes the CRM refuse our token while `run` sends an order and waits for its CRM transaction to
 * reach review (auth failures go to a person, not to retries); then heals the CRM.
 */
async function withCrmTokenExpired<T>(
  chaos: (system: 'crm', patch: Record<string, unknown>) => Promise<void>,
  run: () => Promise<T>,
): Promise<T> {
  await chaos('crm', { authExpired: true });
  try {
    return await run();
  } finally {
    await chaos('crm', { authExpired: false });
  }
}
