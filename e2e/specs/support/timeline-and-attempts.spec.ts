import { expect, test } from '../../support';

// Issue 18, point 6: support reads a transaction that retried through a warehouse outage. The
// retries are one entry that opens; each attempt shows the request as sent, its headers without
// the credential; newest first is the default and the order chosen is remembered; people are
// named, messages carry no raw ISO times, one kind can be shown alone.
const WAREHOUSE_FLOW = 'Paid orders → warehouse fulfilment';
const UUID_ACTOR = /by [0-9a-f]{8}-[0-9a-f]{4}-/;

test.afterEach(async ({ chaos }) => {
  await chaos('warehouse', { maintenance: false });
});

test('support reads a retried transaction: one folded run, attempts as sent, the order remembered', async ({
  page,
  login,
  transactions,
  transaction,
  sendPaidOrder,
  chaos,
}) => {
  // The warehouse answers 503 to everything: the fulfilment retries (6 attempts) and fails.
  await chaos('warehouse', { maintenance: true });
  const orderNumber = await sendPaidOrder();
  await login.signInAs('support');
  await transactions.openOrderInFlow(orderNumber, WAREHOUSE_FLOW);
  await expect(async () => {
    await page.reload();
    await expect(transaction.status()).toHaveText('failed', { timeout: 1000 });
  }).toPass({ timeout: 45_000 });
  await chaos('warehouse', { maintenance: false });

  // The retries are one entry: the span and the class, folded until opened.
  const runs = page.getByTestId('timeline-run');
  await expect(runs).toHaveCount(1);
  const run = runs.first();
  await expect(run.locator('summary').first()).toContainText(
    /retried \d+ times, .+ – .+, provider outage/,
  );
  const folded = run.getByTestId('timeline-entry');
  await expect(folded.first()).toBeHidden();
  await run.locator('summary').first().click();
  await expect(folded.first()).toBeVisible();
  expect(await folded.count()).toBeGreaterThanOrEqual(6);
  // Messages show their times formatted, never as raw ISO text.
  await expect(
    page.getByTestId('timeline-summary').filter({ hasText: /\d{4}-\d\d-\d\dT\d\d:\d\d/ }),
  ).toHaveCount(0);

  // Each attempt opens to the request as sent and the answer; the credential is never there.
  const token = (JSON.parse(process.env.E2E_KNOWN_SECRETS ?? '{}') as Record<string, string>)
    .warehouseToken;
  await page.getByText('Request and answer of attempt 1', { exact: true }).click();
  const request = page.getByLabel('Request of attempt 1', { exact: true });
  await expect(request).toContainText(/^POST http\S+\/v1\/fulfilments/);
  await expect(request).toContainText('authorization: [redacted]');
  await expect(request).toContainText('idempotency-key: ');
  await expect(request).toContainText('"order_number"');
  if (token) await expect(request).not.toContainText(token);
  await expect(page.getByLabel('Answer to attempt 1', { exact: true })).toContainText('HTTP 503');
  // The Outbound request tab shows the latest request as sent, not the canonical command.
  await transaction.openPayloadTab('Outbound request');
  const sent = transaction.payload('Outbound request as sent');
  await expect(sent).toContainText('authorization: [redacted]');
  await expect(sent).toContainText('"ship_to"');

  // Newest first by default: the outcome leads.
  const top = page.locator('ol[aria-label^="Timeline"] > li');
  await expect(page.getByRole('button', { name: 'Newest first' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await expect(top.first()).toHaveAttribute('data-type', 'status.changed');
  await expect(top.first()).toContainText('failed');

  // A replay by a person: the timeline names them, never by id.
  await transaction.replay(`warehouse back (e2e ${orderNumber})`);
  await expect(async () => {
    await page.reload();
    await expect(transaction.status()).toHaveText('completed', { timeout: 1000 });
  }).toPass({ timeout: 30_000 });
  await expect(transaction.timelineEntries('replay.requested')).toContainText('by ');
  await expect(page.getByTestId('timeline-entry').filter({ hasText: UUID_ACTOR })).toHaveCount(0);

  // One kind alone, in the URL.
  await page
    .getByRole('group', { name: 'Show kind' })
    .getByRole('button', { name: 'People' })
    .click();
  await expect(page).toHaveURL(/kind=human_action/);
  await expect(
    page.locator('[data-testid="timeline-entry"]:not([data-kind="human_action"])'),
  ).toHaveCount(0);
  await expect(transaction.timelineEntries('replay.requested')).toHaveCount(1);

  // Oldest first, chosen once, is remembered on the next visit without the URL saying so.
  await page.getByRole('button', { name: 'Oldest first' }).click();
  await expect(page).toHaveURL(/order=oldest/);
  await page.goto(`/transactions/${transaction.id()}`);
  await expect(page.getByRole('button', { name: 'Oldest first' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await expect(top.first()).toHaveAttribute('data-type', 'inbound.accepted');
  await expect(top.last()).toContainText('completed');
});
