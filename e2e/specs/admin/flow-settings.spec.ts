// Acceptance: an admin gives the ERP sales-order flow its own budget for provider outages in the
// flow's settings; the next ERP outage retries on that budget (the timeline says "retry 2 of 3",
// where the flow's default is 8), and the audit log has the change with before and after.
import pg from 'pg';
import { expect, test } from '../../support';
import { AuditPage } from '../../pages/audit-page';

const ERP_FLOW = 'Paid orders → ERP sales order';
const ERP_KEY = 'orders-paid-to-erp';

let db: pg.Client;
let flowId = '';
/** the flow's policy as seeded, put back after the test so the specs after it see the demo */
let seededPolicy: unknown;

test.beforeAll(async () => {
  db = new pg.Client({ connectionString: process.env.E2E_DATABASE_URL });
  await db.connect();
  const { rows } = await db.query<{ id: string; retry_policy: unknown }>(
    `SELECT f.id, f.retry_policy FROM flows f JOIN tenants t ON t.id = f.tenant_id
     WHERE t.slug = 'acme' AND f.key = $1`,
    [ERP_KEY],
  );
  flowId = rows[0]?.id ?? '';
  seededPolicy = rows[0]?.retry_policy;
  expect(flowId, 'the seeded ERP flow').not.toBe('');
});

test.afterAll(async () => {
  if (flowId)
    await db?.query(`UPDATE flows SET retry_policy = $2 WHERE id = $1`, [
      flowId,
      JSON.stringify(seededPolicy),
    ]);
  await db?.end();
});

test.afterEach(async ({ chaos }) => {
  await chaos('erp', { outage: null });
});

test('an admin sets the provider-outage retries of the ERP flow; the next outage follows them', async ({
  page,
  login,
  transactions,
  transaction,
  sendPaidOrder,
  chaos,
}) => {
  await login.signInAs('admin');
  await page.goto('/flows');
  await page.getByRole('link', { name: `Settings of ${ERP_FLOW}` }).click();
  await expect(page.getByRole('heading', { name: `Settings of ${ERP_FLOW}` })).toBeVisible();

  const outage = page.getByTestId('retry-class-provider_outage');
  await outage.getByLabel('provider outage: attempts').fill('3');
  await outage.getByLabel('provider outage: base delay (s)').fill('3600');
  await outage.getByLabel('provider outage: max delay (s)').fill('3600');
  await page.getByRole('button', { name: 'Save flow' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toContainText('retryPolicy');

  // the settings page shows what was saved
  await page.reload();
  await expect(outage.getByLabel('provider outage: base delay (s)')).toHaveValue('3600');
  await expect(page.getByLabel('default: attempts')).not.toHaveValue('3');

  // The ERP is down (503): the sales order waits on the provider_outage budget, not the default.
  await chaos('erp', { outage: { forMs: 120_000 } });
  const order = await sendPaidOrder({
    customer: { full_name: 'Ada Lovelace' },
    currency: 'EUR',
    total_price: '129.00',
    line_items: [{ sku: 'TENT-2P-GRN', quantity: 1, price: '129.00' }],
  });
  await transactions.openOrderInFlow(order, ERP_FLOW);
  const retry = transaction
    .timelineEntries('status.changed')
    .filter({ hasText: /retry 2 of 3 in .* \(provider_outage\)/ });
  await expect(async () => {
    await page.reload();
    await expect(retry).toHaveCount(1, { timeout: 1000 });
  }).toPass({ timeout: 30_000 });
  await expect(transaction.status()).toHaveText('waiting retry');
  // the drawn delay stays within the class's ceiling (base 1 h for the first retry)
  // the message's time is shown formatted; its instant is the <time> element's datetime
  const at = (await retry.locator('time[data-embedded]').first().getAttribute('datetime')) ?? '';
  expect(Date.parse(at) - Date.now()).toBeLessThanOrEqual(3600_000);

  // The audit log has the change, before and after.
  const audit = new AuditPage(page);
  await audit.open({ action: 'flow.updated' });
  // the flow is named, its id on hover; the recorded snapshots are one click away
  const row = audit
    .rows()
    .filter({ has: page.locator(`[title*="${flowId}"]`) })
    .first();
  await expect(row).toBeVisible();
  await row.getByText('Recorded snapshots').click();
  await row.getByText(/^Before \(entry/).click();
  await row.getByText(/^After \(entry/).click();
  await expect(row.getByRole('group', { name: /^Before/ })).toContainText('"classes": {}');
  const after = row.getByRole('group', { name: /^After/ });
  await expect(after).toContainText('"provider_outage"');
  await expect(after).toContainText('"baseDelayMs": 3600000');
  await expect(after).toContainText('"maxAttempts": 3');
});
