import { editErpRecord, erpEffects } from '../../../test/support/sims';
import { ReconciliationPage } from '../../pages/reconciliation-page';
import { expect, test } from '../../support';

const ERP_FLOW = 'Paid orders → ERP sales order';

/** The CSV's rows as objects keyed by its header (the values here hold no commas or quotes). */
function rowsOf(csv: string): Record<string, string>[] {
  const [header, ...lines] = csv.trim().split('\r\n');
  const columns = (header ?? '').split(',');
  return lines.map((line) =>
    Object.fromEntries(line.split(',').map((value, i) => [columns[i] ?? `${i}`, value])),
  );
}

// Issue 6 acceptance: finance forces a run, reviews the drift, accepts an item with a note and
// exports the report. The drift is real: an order's total is changed at the ERP behind Waybill's
// back, so the run must find it by reading the ERP.
test('finance forces a run, finds a total changed at the ERP, accepts it with a note and exports the report', async ({
  page,
  login,
  transactions,
  transaction,
  sendPaidOrder,
}) => {
  test.setTimeout(120_000);
  const erpUrl = process.env.E2E_ERP_URL ?? '';
  const orderNumber = await sendPaidOrder({
    currency: 'EUR',
    total_price: '129.00',
    customer: { full_name: 'Ada Lovelace' },
    line_items: [{ sku: 'TENT-2P-GRN', quantity: 1, price: '129.00' }],
  });
  await login.signInAs('finance');
  await transactions.openOrderInFlow(orderNumber, ERP_FLOW);
  await expect(async () => {
    await page.reload();
    await expect(transaction.status()).toHaveText('completed', { timeout: 1000 });
  }).toPass({ timeout: 30_000 });
  const salesOrder = (await erpEffects(erpUrl)).find(
    (e) => e.kind === 'sales_order.created' && e.external_ref === String(orderNumber),
  );
  if (!salesOrder) throw new Error(`the ERP has no sales order for ${orderNumber}`);
  await editErpRecord(erpUrl, salesOrder.id, { total: '999.99' });

  const reconciliation = new ReconciliationPage(page);
  await reconciliation.open();
  await reconciliation.startRunForToday(ERP_FLOW);
  await reconciliation.waitForCompletion();
  const runUrl = page.url();

  // Finance reads the totals first: ledger, provider and difference per system and currency.
  // (Other specs' orders of the day are in the same run: only the arithmetic is asserted here;
  // the repriced order's two amounts are asserted on its row below.)
  const erpEur = reconciliation.totalsRow('erp', 'EUR');
  await expect(erpEur).toHaveCount(1);
  const ledger = await reconciliation.minor(erpEur, 'ledger');
  const provider = await reconciliation.minor(erpEur, 'provider');
  const difference = await reconciliation.minor(erpEur, 'difference');
  expect(difference).toBe(ledger - provider);
  expect(ledger).toBeGreaterThan(0);
  expect(provider).toBeGreaterThan(0);
  // The counts add up, and the sentence says how.
  const counts = await reconciliation.counts();
  expect(counts.compared).toBe(counts.matched + counts.drifted);
  expect(counts.items).toBeGreaterThanOrEqual(counts.drifted);
  await expect(reconciliation.countsText()).toContainText(/one (record can differ|per record)/);
  // Today's window is still open, and the page says so.
  await expect(page.locator('[data-window-state="open"]')).toContainText('still open');
  // Drift grouped by pattern, with a count and bulk buttons that say theirs.
  const pattern = reconciliation.pattern('field_mismatch', 'total', 'amount_differs');
  await expect(pattern).toContainText('Field mismatch on total: amount differs');
  await expect(pattern.getByRole('button', { name: /^Accept \d+/ })).toBeVisible();

  // Review: the kind card counts it; the row shows both values, the owner and the amount.
  await expect(reconciliation.kindCard('field_mismatch')).toContainText(/[1-9]\d* open/);
  await reconciliation.kindCard('field_mismatch').getByRole('link').click();
  await expect(page).toHaveURL(/[?&]kind=field_mismatch/);
  const row = reconciliation.itemRow(orderNumber, 'total');
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('129.00');
  await expect(row).toContainText('999.99');
  // the amount column shows both sides: the ledger's command and the ERP's record
  await expect(row.locator('[data-amount="ledger"]')).toHaveText('129.00 EUR');
  await expect(row.locator('[data-amount="provider"]')).toHaveText('999.99 EUR');
  await expect(row).toContainText(/commerce/i);
  await expect(row.locator('[data-drift-state]')).toHaveText('Open');

  const note = 'price corrected by hand at the ERP after a phone call';
  await reconciliation.accept(row, note);
  await expect(reconciliation.toast('Accepted 1 item with your note.')).toBeVisible();
  await expect(row.locator('[data-drift-state]')).toHaveText('Accepted');
  await expect(row).toContainText(note);
  await expect(row.getByRole('button', { name: /^Accept/ })).toHaveCount(0);

  // The report: every item of the run, this one accepted with who and why, tied to the ledger.
  await page.goto(runUrl);
  const { filename, text } = await reconciliation.exportCsv();
  expect(filename).toMatch(
    /^reconciliation-orders-paid-to-erp-\d{4}-\d\d-\d\dT00-00Z-[0-9a-f]{8}\.csv$/,
  );
  // items first, then a blank line and the run's totals per system and currency
  const [itemsCsv = '', totalsCsv = ''] = text.split('\r\n\r\n');
  const rows = rowsOf(itemsCsv);
  const erpTotals = rowsOf(totalsCsv).find((r) => r.system === 'ERP' && r.currency === 'EUR');
  expect(erpTotals).toBeDefined();
  expect(
    Math.round(Number(erpTotals?.ledger_total) * 100) -
      Math.round(Number(erpTotals?.provider_total) * 100),
  ).toBe(Math.round(Number(erpTotals?.difference) * 100));
  const mine = rows.filter((r) => r.business_key === String(orderNumber));
  expect(mine).toHaveLength(1);
  expect(mine[0]).toMatchObject({
    kind: 'field_mismatch',
    state: 'accepted',
    field: 'total',
    ledger_value: '129.00',
    provider_value: '999.99',
    owner: 'commerce',
    amount: '999.99',
    currency: 'EUR',
    ledger_amount: '129.00',
    ledger_currency: 'EUR',
    cause: 'amount_differs',
    provider_ref: salesOrder.id,
    decided_by: 'Finance Acme',
  });
  expect(mine[0]?.transaction_id).toMatch(/^[0-9a-f-]{36}$/);

  // The decision and the export are both in the audit log.
  await page.goto('/audit?action=drift.accepted');
  await expect(page.getByTestId('audit-row').first()).toContainText(note);
  await page.goto('/audit?action=reconciliation.exported');
  await expect(page.getByTestId('audit-row').first()).toContainText(filename);
});
