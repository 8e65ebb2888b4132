// Business checks (issue 21): an admin defines one in Settings · SLAs and alerts — "paid orders in
// the ERP within 30 minutes" for refunds — and every role's overview shows it with how many are
// late right now and a drill-down to each. The late one is the spec's own: a refund transaction
// placed two hours ago that never completed (on the refunds flow, whose stored payloads no other
// spec test-runs a mapping on: this one's payload is an empty object).
import { randomBytes } from 'node:crypto';
import { createDb, type Db } from '@/lib/db';
import { placeTransaction } from '@/test/support/overview-fixtures';
import { expect, test } from '../../support';
import { seriousViolations } from '../../support/page-sweep';

const REFUNDS_FLOW = 'Refunds → ERP credit memo';
let db: Db;
test.beforeAll(() => {
  db = createDb({ connectionString: process.env.E2E_DATABASE_URL ?? '', poolSize: 2 });
});
test.afterAll(async () => {
  await db.$disconnect();
});

test('a business check defined in the console shows on the overview with its count and drill-down', async ({
  page,
  login,
}) => {
  const name = `Refunds in the ERP within 30 minutes ${randomBytes(3).toString('hex')}`;
  const orderNumber = String(900_000 + Math.floor(Math.random() * 99_999));
  // the stack's own tenant as it is (seeding it again would re-seal its secrets with another key)
  const tenant = await db.tenant.findUniqueOrThrow({ where: { slug: 'acme' } });
  const flows = await db.flow.findMany({ where: { tenantId: tenant.id } });
  const acme = {
    db,
    tenantId: tenant.id,
    flows: Object.fromEntries(flows.map((f) => [f.key, f.id])),
    connections: {},
  };
  await placeTransaction(acme, {
    flow: 'refunds-to-erp',
    status: 'failed',
    errorClass: 'provider_outage',
    createdAt: new Date(Date.now() - 2 * 3600_000),
    businessKey: orderNumber,
  });

  await login.signInAs('admin');
  await page.goto('/settings/alerts');
  const form = page.getByRole('region', { name: 'Create an SLA rule' });
  await form.getByLabel('Name').fill(name);
  await form.getByLabel('Expected flow').selectOption({ label: REFUNDS_FLOW });
  await form.getByLabel('Within (minutes)').fill('30');
  await form.getByRole('button', { name: 'Create SLA rule' }).click();
  await expect(form.getByRole('status')).toContainText(/created|saved/i);

  await page.goto('/');
  // visible: under load the page can hold a hidden copy of its content for a moment
  const card = page.getByTestId('business-check').filter({ hasText: name, visible: true });
  await expect(card.getByRole('heading', { name })).toBeVisible();
  await expect(card.getByTestId('business-check-count')).toHaveText(/^[1-9][\d,]*$/);
  await card.getByRole('link', { name: new RegExp(`^All [\\d,]+ late of ${name}`) }).click();

  await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();
  const late = page.getByRole('table', { name: 'Late keys' });
  await late.getByRole('link', { name: `Order ${orderNumber}`, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/orders/${orderNumber}$`));

  // the drill-down is readable by assistive technology too
  await page.goBack();
  await expect(page.getByRole('table', { name: 'Late keys' })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);

  // the same figures through the API
  const api = (await (await page.request.get('/api/v1/overview')).json()) as {
    businessChecks: { name: string; late: number }[];
  };
  expect(api.businessChecks.find((c) => c.name === name)?.late).toBeGreaterThan(0);
  await db.slaRule.deleteMany({ where: { name } });
});
