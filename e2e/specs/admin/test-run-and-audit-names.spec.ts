import { expect, test } from '../../support';
import { AuditPage } from '../../pages/audit-page';
import { ConnectionsPage } from '../../pages/connections-page';
import { FlowMappingPage } from '../../pages/flow-mapping-page';

const FLOW = 'Paid orders → warehouse fulfilment';

test('a test run lists the field the operation drops and what differs from the active version', async ({
  page,
  login,
  sendPaidOrder,
}) => {
  const flow = new FlowMappingPage(page);
  await login.signInAs('admin');
  const order = await sendPaidOrder();
  await flow.open(FLOW);

  // The draft adds a field the warehouse's create_fulfilment does not know: zod strips it.
  const editor = flow.expression();
  await expect(editor).toHaveValue(/"reference"/);
  await editor.fill((await editor.inputValue()).replace('{', '{\n  "source": "storefront",'));
  // Any stored payload, found by its order number (not only the newest ones).
  await flow.pickPayload(String(order));
  const result = await flow.testRunDraft();

  const dropped = result.getByTestId('dropped-fields');
  await expect(dropped).toContainText('1 field is dropped');
  await expect(dropped.getByRole('listitem')).toHaveText(['source']);
  await expect(result.getByRole('group', { name: 'Canonical command' })).not.toContainText(
    'storefront',
  );
  const comparison = result.getByTestId('test-run-comparison');
  await expect(comparison).toContainText(/Compared with version \d+ \(active\)/);
  await expect(comparison.getByRole('row', { name: /source/ })).toContainText('added');
  await expect(comparison.getByRole('row', { name: /source/ })).toContainText('"storefront"');
});

// The safety net of the specs that pause the warehouse: a failure half-way must not leave it paused
// for the specs after this one (every order they send would wait on it).
test.afterEach(async ({ activateConnection }) => {
  await activateConnection('warehouse');
});

test('the audit log names the warehouse for a pause and finds its actor by part of a name', async ({
  page,
  login,
}) => {
  const connections = new ConnectionsPage(page);
  const audit = new AuditPage(page);
  await login.signInAs('admin');
  await connections.open();
  await connections.pauseConnection('Warehouse', 'e2e: audit names');
  try {
    await page.goto('/audit?action=connection.paused');
    const row = audit.rows().filter({ hasText: 'e2e: audit names' }).first();
    const object = row.getByTestId('audit-object');
    const warehouse = object.getByRole('link', { name: 'Warehouse', exact: true });
    await expect(warehouse).toBeVisible();
    await expect(warehouse).toHaveAttribute('href', /^\/connections\/[0-9a-f-]{36}$/);
    await expect(warehouse).toHaveAttribute('title', /^connection [0-9a-f-]{36}$/);
    await expect(object).not.toContainText(/[0-9a-f]{8}-[0-9a-f]{4}/);
    await expect(row.getByRole('link', { name: 'Admin Acme' })).toBeVisible();

    // Part of the actor's name, any case.
    await page.getByLabel('Actor', { exact: true }).fill('admin ac');
    await expect(page).toHaveURL(/[?&]actor=admin(\+|%20)ac/);
    await expect(audit.rows().filter({ hasText: 'e2e: audit names' }).first()).toBeVisible();
    await expect(audit.rows().filter({ hasNotText: 'Admin Acme' })).toHaveCount(0);
  } finally {
    // By address, not the menu: the actor filter's last URL update can still be on its way, and
    // a client-side navigation begun before it lands would be replaced by it.
    await page.goto('/connections');
    await connections.resumeConnection('Warehouse');
  }
});
