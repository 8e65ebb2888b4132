import type { Browser, Page } from '@playwright/test';
import { expect, test } from '../../support';
import { LoginPage } from '../../pages/login-page';

const WAREHOUSE_FLOW = 'Paid orders → warehouse fulfilment';
const CRM_FLOW = 'Paid orders → CRM customer';
/** A customer the CRM can store, so the only thing wrong with the order is the chaos we set. */
const CUSTOMER = {
  customer: { first_name: 'Grace', last_name: 'Hopper', full_name: 'Grace Hopper' },
};

test.describe('pause and resume', () => {
  test.afterEach(async ({ activateConnection }) => {
    await activateConnection('warehouse');
  });

  test('support pauses the warehouse, sees new work wait as backlog, and resumes it', async ({
    page,
    login,
    connections,
    transactions,
    transaction,
    sendPaidOrder,
  }) => {
    await login.signInAs('support');
    await connections.open();
    const warehouse = connections.connection('Warehouse');
    await expect(warehouse.getByTestId('connection-status')).toContainText('active');

    await connections.pauseConnection('Warehouse');
    await expect(warehouse.getByTestId('connection-status')).toContainText('paused');
    await expect(warehouse.getByRole('button', { name: 'Resume Warehouse' })).toBeVisible();
    await expect(connections.flow(WAREHOUSE_FLOW)).toContainText('held: Warehouse is paused');

    // Ingest keeps accepting while paused: the order's fulfilment waits in the backlog.
    const orderNumber = await sendPaidOrder();
    await expect(async () => {
      await page.reload();
      await expect(warehouse.getByTestId('backlog-total')).toHaveText(/^[1-9]\d*$/, {
        timeout: 1000,
      });
    }).toPass({ timeout: 30_000 });

    await connections.resumeConnection('Warehouse');
    await expect(warehouse.getByTestId('connection-status')).toContainText('active');

    // The backlog goes out after the resume.
    await transactions.openOrderInFlow(orderNumber, WAREHOUSE_FLOW);
    await expect(transaction.status()).toHaveText('completed', { timeout: 30_000 });
  });
});

test.describe('replay', () => {
  test('support replays a transaction in review with a reason and sees it on the timeline', async ({
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

    const reason = `CRM token rotated (e2e ${orderNumber})`;
    await transaction.replay(reason);
    const requested = transaction.timelineEntries('replay.requested');
    await expect(requested).toHaveCount(1);
    await expect(requested).toContainText(reason);
    await expect(requested).toContainText('Support Acme');
    // The page follows the replayed transaction to its end without a reload.
    await expect(transaction.status()).toHaveText('completed', { timeout: 30_000 });
    await expect(transaction.replayButton()).toHaveCount(0);
  });

  test('support previews a bulk replay, starts it and watches it complete', async ({
    page,
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
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Replays' })
      .click();
    await page.getByLabel('Flow', { exact: true }).selectOption({ label: CRM_FLOW });
    await page.getByLabel('Error class', { exact: true }).selectOption('auth');
    await page.getByRole('checkbox', { name: 'failed', exact: true }).uncheck();
    await page.getByRole('button', { name: 'Preview' }).click();

    // Each replay test leaves at most its own orders in review: at least this one matches.
    const preview = page.getByRole('heading', { name: /transactions? match/ });
    await expect(preview).toHaveText(/^\d+ transactions? match(es)? — replay \d+\?$/);
    const count = Number((await preview.textContent())?.match(/^\d+/)?.[0]);
    expect(count).toBeGreaterThanOrEqual(1);

    await page.getByRole('textbox', { name: 'Reason' }).fill('CRM token rotated (bulk e2e)');
    await page.getByRole('button', { name: /^Start replay/ }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Replay started' })).toContainText(
      count === 1 ? '1 transaction.' : `${count} transactions.`,
    );
    const batch = page.getByTestId('replay-batch').first();
    await expect(batch).toContainText('CRM token rotated (bulk e2e)');
    // The page refreshes itself while the batch runs.
    await expect(batch).toHaveAttribute('data-status', 'completed', { timeout: 30_000 });
    await expect(batch.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '100');
    await expect(batch.getByTestId('replay-batch-counts')).toContainText(
      `${count} of ${count} handled`,
    );

    // The batch's reason is on the replayed transaction's timeline, and it completes.
    await transactions.openOrderInFlow(orderNumber, CRM_FLOW);
    await expect(transaction.timelineEntries('replay.requested')).toContainText(
      'CRM token rotated (bulk e2e)',
    );
    await expect(transaction.status()).toHaveText('completed', { timeout: 30_000 });
  });
});

test.describe('viewer', () => {
  test('the viewer sees no Pause or Replay buttons, and the server refuses a replay anyway', async ({
    page,
    browser,
    login,
    connections,
    transactions,
    transaction,
    sendPaidOrder,
    chaos,
  }) => {
    await login.signInAs('viewer');
    const orderNumber = await withCrmTokenExpired(chaos, async () => {
      const order = await sendPaidOrder(CUSTOMER);
      await transactions.openOrderInFlow(order, CRM_FLOW, { status: 'needs_review' });
      return order;
    });
    const transactionUrl = page.url();
    const nav = page.getByRole('navigation', { name: 'Main' });
    await expect(nav.getByRole('link', { name: 'Replays' })).toHaveCount(0);

    await connections.open();
    await expect(connections.connection('Warehouse')).toBeVisible();
    await expect(page.getByRole('button', { name: /^(Pause|Resume)/ })).toHaveCount(0);

    await page.goto(transactionUrl);
    await expect(
      page.getByRole('heading', { name: `Order #${orderNumber} · ${CRM_FLOW}` }),
    ).toBeVisible();
    await expect(transaction.status()).toHaveText('needs review');
    await expect(transaction.replayButton()).toHaveCount(0);
    await expect(page.getByRole('textbox', { name: 'Reason' })).toHaveCount(0);

    // Hiding the form is not the boundary: send the replay action itself with the viewer's
    // session. Its id and body are taken from support's browser, which is stopped before the
    // request reaches the server.
    const action = await captureReplayAction(browser, transactionUrl);
    const response = await page.request.post(transactionUrl, {
      headers: action.headers,
      data: action.body,
    });
    expect(response.status()).toBe(200); // the refusal is the action's answer, not a crash
    expect(await response.text()).toContain('Not allowed (403): your role may not replay');

    await page.reload();
    await expect(transaction.status()).toHaveText('needs review');
    await expect(transaction.timelineEntries('replay.requested')).toHaveCount(0);

    const replays = await page.goto('/replays');
    expect(replays?.status()).toBe(403);
  });
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

/** Support fills the replay form; the POST it would send is captured and aborted. */
async function captureReplayAction(
  browser: Browser,
  transactionUrl: string,
): Promise<{ headers: Record<string, string>; body: Buffer }> {
  const context = await browser.newContext();
  try {
    const page: Page = await context.newPage();
    await new LoginPage(page).signInAs('support');
    await page.goto(transactionUrl);
    let captured: { headers: Record<string, string>; body: Buffer } | undefined;
    await page.route(transactionUrl, async (route) => {
      const request = route.request();
      const headers = await request.allHeaders();
      if (request.method() !== 'POST' || !headers['next-action']) return route.continue();
      captured = {
        headers: Object.fromEntries(
          Object.entries(headers).filter(
            ([name]) =>
              !['cookie', 'host', 'content-length'].includes(name) && !name.startsWith(':'),
          ),
        ),
        body: request.postDataBuffer() ?? Buffer.alloc(0),
      };
      return route.abort();
    });
    await page.getByRole('textbox', { name: 'Reason' }).fill('should never be applied');
    await page.getByRole('button', { name: 'Replay', exact: true }).click();
    await expect.poll(() => captured !== undefined).toBe(true);
    if (!captured) throw new Error('the replay action was not sent');
    return captured;
  } finally {
    await context.close();
  }
}
