// Issue 18, points 1 and 2, as support lives them: a payment whose ERP attempts were mostly
// "no sales order" is explained by that cause (and the sales order step it waits for), not by
// the last attempt's outage; a paused connection's waiting work reads "paused" with who and why
// on the list, the transaction page and the order journey.
import type { Page } from '@playwright/test';
import { expect, test } from '../../support';

const WAREHOUSE_FLOW = 'Paid orders → warehouse fulfilment';
const ERP_FLOW = 'Paid orders → ERP sales order';
const PAYMENT_FLOW = 'Payments → ERP payment';

interface StepJson {
  id: string;
  flow: { name: string };
  status: string;
  errorClass: string | null;
  attempts: number;
}

function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run through e2e/global-setup.ts`);
  return value;
}

async function stepOf(page: Page, orderNumber: number, flow: string): Promise<StepJson | null> {
  const response = await page.request.get(`/api/v1/orders/${orderNumber}`);
  if (!response.ok()) return null;
  const journey = (await response.json()) as { steps: StepJson[] };
  return journey.steps.find((s) => s.flow.name === flow) ?? null;
}

async function waitForStep(
  page: Page,
  orderNumber: number,
  flow: string,
  done: (step: StepJson) => boolean,
  message: string,
): Promise<StepJson> {
  let found: StepJson | null = null;
  await expect
    .poll(
      async () => {
        found = await stepOf(page, orderNumber, flow);
        return found !== null && done(found);
      },
      { timeout: 60_000, intervals: [100, 200, 250], message: `order ${orderNumber}: ${message}` },
    )
    .toBe(true);
  return found as unknown as StepJson;
}

/** Pays the order at the payments simulator, which signs and sends the payment webhook. */
async function payOrder(orderNumber: number) {
  const secrets = JSON.parse(env('E2E_KNOWN_SECRETS')) as { paymentsApiKey: string };
  const response = await fetch(`${env('E2E_PAYMENTS_URL')}/v1/payment_intents`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${secrets.paymentsApiKey}`,
    },
    body: JSON.stringify({
      amount: 4900,
      currency: 'eur',
      metadata: { order_id: String(990_000_000 + orderNumber), order_number: String(orderNumber) },
    }),
  });
  if (!response.ok) throw new Error(`payment intent: ${response.status} ${await response.text()}`);
}

test.describe('paused work looks paused', () => {
  test.afterEach(async ({ activateConnection }) => {
    await activateConnection('warehouse');
  });

  test('a paused connection’s waiting transaction shows paused, who paused it and why', async ({
    page,
    login,
    connections,
    transactions,
    transaction,
    sendPaidOrder,
  }) => {
    const reason = `warehouse stocktake (e2e ${Date.now()})`;
    await login.signInAs('support');
    await connections.open();
    await connections.pauseConnection('Warehouse', reason);

    const orderNumber = await sendPaidOrder();
    // The list says paused, not received.
    await transactions.open();
    const row = transactions
      .rows()
      .filter({ has: page.getByRole('link', { name: `#${orderNumber}`, exact: true }) })
      .filter({ hasText: WAREHOUSE_FLOW });
    await expect(async () => {
      await page.reload();
      await expect(row).toHaveCount(1, { timeout: 1000 });
    }).toPass({ timeout: 30_000 });
    await expect(row.locator('[data-status="paused"]')).toHaveText('paused');

    // The transaction page: paused, with a banner naming the pause, who and why.
    await row.getByRole('link', { name: `#${orderNumber}`, exact: true }).click();
    await expect(transaction.status()).toHaveText('paused');
    const banner = page.getByTestId('paused-banner');
    await expect(banner).toContainText('the Warehouse connection');
    await expect(banner.getByTestId('pause-reason')).toHaveText(reason);
    await expect(banner.getByTestId('paused-by')).not.toBeEmpty();

    // The order journey: the warehouse step is paused, and says why.
    await page.goto(`/orders/${orderNumber}`);
    const step = page.getByTestId('journey-step').filter({ hasText: WAREHOUSE_FLOW });
    await expect(step.getByTestId('journey-step-status')).toHaveText('paused');
    await expect(step.getByTestId('pause-reason')).toHaveText(reason);

    // The lists say who paused and why too: the overview's banner and the connections table.
    await page.goto('/');
    await expect(
      page
        .getByTestId('paused-item')
        // visible: under load the page can hold a hidden copy of its content for a moment
        .filter({ hasText: 'Warehouse', visible: true })
        .getByTestId('paused-item-why'),
    ).toContainText(reason);
    await connections.open();
    await expect(
      page.getByTestId('connection-row').filter({ hasText: 'Warehouse' }).getByTestId('pause-note'),
    ).toContainText(reason);
    await connections.resumeConnection('Warehouse');
    await page.goto(`/orders/${orderNumber}`);
    await expect(page.getByTestId('paused-banner')).toHaveCount(0);
  });

  test('the API refuses a pause without a reason', async ({ page, login }) => {
    await login.signInAs('admin');
    const headers = { origin: env('E2E_BASE_URL') };
    const list = await page.request.get('/api/v1/connections');
    expect(list.ok()).toBe(true);
    const { connections: rows } = (await list.json()) as {
      connections: { id: string; key: string }[];
    };
    const warehouse = rows.find((c) => c.key === 'warehouse');
    expect(warehouse).toBeDefined();
    const refused = await page.request.post(`/api/v1/connections/${warehouse?.id}/pause`, {
      headers,
      data: {},
    });
    expect(refused.status()).toBe(422);
    expect(await refused.text()).toContain('say why');
  });
});

test('the cause of a payment whose attempts were mostly “no sales order” is that, not the outage', async ({
  page,
  login,
  sendPaidOrder,
  chaos,
}) => {
  test.setTimeout(120_000);
  await login.signInAs('support');
  // The sample order lacks what the ERP needs: its sales order goes to review, and support
  // resolves it by hand — so Waybill believes the sales order is done while the ERP has none.
  const orderNumber = await sendPaidOrder();
  const sales = await waitForStep(
    page,
    orderNumber,
    ERP_FLOW,
    (s) => s.status === 'needs_review',
    'the ERP sales order goes to review',
  );
  const resolved = await page.request.post(`/api/v1/transactions/${sales.id}/resolve`, {
    headers: { origin: env('E2E_BASE_URL') },
    data: { note: 'created in the ERP by hand (cause e2e)' },
  });
  expect(resolved.status()).toBe(200);

  // The payment: the ERP answers "no sales order" on every attempt; late on, the ERP goes down.
  await payOrder(orderNumber);
  await waitForStep(
    page,
    orderNumber,
    PAYMENT_FLOW,
    (s) => s.attempts >= 3 || s.status === 'failed',
    'the payment fails a few times with missing_dependency',
  );
  try {
    await chaos('erp', { outage: { forMs: 15_000 } });
    await waitForStep(
      page,
      orderNumber,
      PAYMENT_FLOW,
      (s) => s.status === 'failed' || s.status === 'needs_review',
      'the payment runs out of attempts',
    );
  } finally {
    await chaos('erp', { outage: null });
  }
  const payment = await stepOf(page, orderNumber, PAYMENT_FLOW);

  await page.goto(`/orders/${orderNumber}`);
  const step = page.getByTestId('journey-step').filter({ hasText: PAYMENT_FLOW });
  const cause = step.getByTestId('failure-cause');
  await expect(cause.getByTestId('failure-cause-label')).toHaveText(
    'Waiting for another step (missing_dependency)',
  );
  await expect(cause).toContainText('no sales order');
  await expect(cause.getByTestId('failure-cause-dependency')).toContainText(ERP_FLOW);
  await expect(cause.getByTestId('failure-cause-dependency')).toContainText('completed');
  const advice = cause.getByTestId('failure-cause-advice');
  await expect(advice).toContainText(`${ERP_FLOW} (ERP) completed`);
  await expect(advice).not.toContainText('fix that one first');
  if (payment?.errorClass && payment.errorClass !== 'missing_dependency')
    await expect(cause.getByTestId('failure-cause-last')).toContainText(`(${payment.errorClass})`);

  // The transaction page's header says the same.
  await step.getByRole('link', { name: /^Open transaction/ }).click();
  await expect(page).toHaveURL(/\/transactions\/[0-9a-f-]+$/);
  const header = page.getByTestId('last-error');
  await expect(header.getByTestId('failure-cause-label')).toHaveText(
    'Waiting for another step (missing_dependency)',
  );
  await expect(header.getByTestId('failure-cause')).toContainText('no sales order');
});
