import { expect, test } from '../../support';
import { parseCsv } from '../../support/csv';
import { suiteRows } from '../../support/suite-db';

const CRM_FLOW = 'Paid orders → CRM customer';

/** The ledger's own answer to the filter (the demo tenant's), straight from the suite's database. */
async function ledgerIds(flowName: string, status: string): Promise<string[]> {
  const rows = await suiteRows<{ id: string }>(
    `SELECT t.id::text FROM transactions t JOIN flows f ON f.id = t.flow_id
     JOIN tenants n ON n.id = t.tenant_id
     WHERE n.slug = 'acme' AND f.name = $1 AND t.status = $2::"TransactionStatus"`,
    [flowName, status],
  );
  return rows.map((r) => r.id);
}

test('finance exports the filtered set and every row of the file matches the filter', async ({
  page,
  login,
  transactions,
  sendPaidOrder,
}) => {
  // The sample order has no customer name, so the CRM sends its customer to review: at least
  // these two rows match the filter (earlier specs may have added more; the count says how many).
  const orders = [await sendPaidOrder(), await sendPaidOrder()];
  await login.signInAs('finance');
  await expect(async () => {
    await transactions.open({ status: 'needs_review' });
    for (const order of orders)
      await expect(
        transactions
          .rows()
          .filter({ has: page.getByRole('link', { name: `#${order}`, exact: true }) })
          .filter({ hasText: CRM_FLOW }),
      ).toHaveCount(1, { timeout: 1000 });
  }).toPass({ timeout: 30_000 });

  await transactions.open();
  await transactions.filterByStatus('needs review');
  await transactions.filterByFlow(CRM_FLOW);
  await expect(transactions.rows().first()).toBeVisible();
  // The table follows the URL once the server has answered: no row of another flow or status.
  await expect(transactions.rows().filter({ hasNotText: CRM_FLOW })).toHaveCount(0);
  await expect(transactions.rows().filter({ hasNotText: 'needs review' })).toHaveCount(0);

  // Specs running beside this one send orders too: the file holds every row the ledger held before
  // it was asked for, and nothing the ledger did not hold after.
  const before = await ledgerIds(CRM_FLOW, 'needs_review');
  const { filename, text } = await transactions.exportCsv();
  const after = await ledgerIds(CRM_FLOW, 'needs_review');
  expect(filename).toMatch(/^transactions-.*\.csv$/);
  const [header, ...rows] = parseCsv(text);
  expect(header).toEqual([
    'id',
    'business_key',
    'flow',
    'target',
    'status',
    'error_class',
    'attempts',
    'external_ref',
    'created_at',
    'updated_at',
  ]);
  for (const row of rows) {
    expect(row[2]).toBe(CRM_FLOW);
    expect(row[3]).toBe('CRM');
    expect(row[4]).toBe('needs_review');
  }
  const keys = rows.map((r) => r[1]);
  for (const order of orders) expect(keys).toContain(String(order));
  const ids = rows.map((r) => r[0] ?? '');
  expect(new Set(ids).size).toBe(ids.length);
  expect(before.filter((id) => !ids.includes(id))).toEqual([]);
  expect(ids.filter((id) => !after.includes(id))).toEqual([]);
  // Personal data stays in the console.
  expect(text).not.toContain('@');
});

test('the export is refused to roles without exports.download, by the server too', async ({
  page,
  login,
}) => {
  await login.signInAs('support');
  await expect(page.getByRole('link', { name: 'Export CSV' })).toHaveCount(0);
  const response = await page.request.get('/api/v1/transactions/export?status=failed');
  expect(response.status()).toBe(403);
});
