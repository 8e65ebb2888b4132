// Acceptance (issue 21, pre-flight): before a bulk replay, support checks the selected ERP
// transactions at the ERP. One of them is already there (its sales order reached the ERP although
// the answer never came back: seeded through the simulator's admin endpoint, which records no side
// effect): the preview says so, the replay links it instead of sending it again, and the ERP's
// side-effect log then holds every order of the batch once.
import { expect, test } from '../../support';
import { adminJson, erpEffects } from '../../../test/support/sims';

const ERP_FLOW = 'Paid orders → ERP sales order';
const ORDERS = 3;
/** An order the ERP accepts: a named customer, money and priced lines. */
const PRICED = {
  customer: { first_name: 'Grace', last_name: 'Hopper', full_name: 'Grace Hopper' },
  currency: 'EUR',
  total_price: '49.00',
  line_items: [{ sku: 'TENT-2P-GRN', quantity: 1, price: '49.00' }],
};

const erpUrl = () => {
  const url = process.env.E2E_ERP_URL;
  if (!url) throw new Error('E2E_ERP_URL is not set: run through e2e/global-setup.ts');
  return url;
};

test.describe('replay pre-flight', () => {
  test.afterEach(async ({ chaos }) => {
    await chaos('erp', { authExpired: false });
  });

  test('support checks at the ERP first: the one already there is linked, not sent again', async ({
    page,
    login,
    transactions,
    transaction,
    sendPaidOrder,
    chaos,
  }) => {
    await login.signInAs('support');
    // The ERP refuses our key: its transactions go to review (auth is for a person, not retries).
    await chaos('erp', { authExpired: true });
    const orders: number[] = [];
    for (let i = 0; i < ORDERS; i += 1) orders.push(await sendPaidOrder(PRICED));
    for (const order of orders)
      await transactions.openOrderInFlow(order, ERP_FLOW, { status: 'needs_review' });
    await chaos('erp', { authExpired: false });

    // The first order's sales order is at the ERP all the same.
    const [first = 0] = orders;
    await adminJson(erpUrl(), 'seed-sales-orders', {
      salesOrders: [
        {
          external_ref: String(first),
          customer_email: `buyer${first}@example.com`,
          customer_name: 'Grace Hopper',
          currency: 'EUR',
          total: '49.00',
          lines: [{ sku: 'TENT-2P-GRN', quantity: 1, unit_price: '49.00' }],
        },
      ],
    });

    await page.goto('/replays');
    await page.getByLabel('Flow', { exact: true }).selectOption({ label: ERP_FLOW });
    await page.getByLabel('Error class', { exact: true }).selectOption('auth');
    await page.getByRole('checkbox', { name: 'failed', exact: true }).uncheck();
    await page.getByRole('button', { name: 'Preview' }).click();
    await page.getByRole('button', { name: 'Check at the targets first' }).click();

    // The page refreshes itself while the check runs; other specs may leave ERP reviews too.
    const preflight = page.getByTestId('replay-preflight');
    await expect(preflight.getByRole('heading', { name: 'Checked at the targets' })).toBeVisible({
      timeout: 30_000,
    });
    const headline = preflight.getByTestId('replay-preflight-headline');
    await expect(headline).toHaveText(
      /^\d+ selected: [1-9]\d* already at the ERP \(will be linked, not sent again\), \d+ to send$/,
    );
    await expect(preflight.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '100');
    const [, selected, found, toSend] =
      (await headline.textContent())?.match(/^(\d+) selected: (\d+) already.*, (\d+) to send$/) ??
      [];
    expect(Number(found) + Number(toSend)).toBe(Number(selected));

    await page.getByRole('textbox', { name: 'Reason' }).fill('ERP key renewed (pre-flight e2e)');
    await page.getByRole('button', { name: /^Start replay/ }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Replay started' })).toContainText(
      'already at the target: linked, not sent again',
    );
    const batch = page.getByTestId('replay-batch').first();
    await expect(batch).toHaveAttribute('data-status', 'completed', { timeout: 30_000 });

    // The order already at the ERP was linked; the others were sent and completed.
    await transactions.openOrderInFlow(first, ERP_FLOW);
    await expect(transaction.status()).toHaveText('completed');
    await expect(transaction.timelineEntries('replay.linked')).toContainText(
      'during the replay pre-flight',
    );
    for (const order of orders.slice(1)) {
      await transactions.openOrderInFlow(order, ERP_FLOW);
      await expect(transaction.status()).toHaveText('completed', { timeout: 30_000 });
    }

    // The ERP made a record for each order sent, and none for the one it already had.
    const created = (await erpEffects(erpUrl())).filter((e) => e.kind === 'sales_order.created');
    const mine = created.filter((e) => orders.includes(Number(e.external_ref)));
    expect(mine.map((e) => e.external_ref).sort()).toEqual(orders.slice(1).map(String).sort());
  });
});
