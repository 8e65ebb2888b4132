import type { Page } from '@playwright/test';
import { SearchPalette } from '../../pages/search-palette';
import { expect, test } from '../../support';

const WAREHOUSE_FLOW = 'Paid orders → warehouse fulfilment';
const CRM_FLOW = 'Paid orders → CRM customer';
/** A customer the CRM can store, so the only thing wrong with the order is the chaos we set. */
const CUSTOMER = {
  customer: { first_name: 'Grace', last_name: 'Hopper', full_name: 'Grace Hopper' },
};

interface JourneyJson {
  steps: { flow: { name: string }; status: string; externalRefs: Record<string, string> }[];
}

/** The journey as the signed-in role's API sees it (no page visit, so no interaction counted). */
async function journeyOf(page: Page, orderNumber: number): Promise<JourneyJson | null> {
  const response = await page.request.get(`/api/v1/orders/${orderNumber}`);
  return response.ok() ? ((await response.json()) as JourneyJson) : null;
}

async function waitForStep(page: Page, orderNumber: number, flowName: string, status: string) {
  await expect
    .poll(
      async () =>
        (await journeyOf(page, orderNumber))?.steps.find((s) => s.flow.name === flowName)?.status ??
        'absent',
      { timeout: 30_000, message: `${flowName} of order ${orderNumber} reaches ${status}` },
    )
    .toBe(status);
}

test('support finds an order with Cmd-K in three interactions and replays its failed step', async ({
  page,
  login,
  sendPaidOrder,
  chaos,
}) => {
  await login.signInAs('support');
  // The CRM refuses our token while the order goes through: its step goes to review (auth).
  await chaos('crm', { authExpired: true });
  let orderNumber: number;
  try {
    orderNumber = await sendPaidOrder(CUSTOMER);
    await waitForStep(page, orderNumber, CRM_FLOW, 'needs_review');
  } finally {
    await chaos('crm', { authExpired: false });
  }

  // Open (1), type the number (2), Enter (3): the journey, not a list to pick from.
  const palette = new SearchPalette(page);
  await palette.findOrder(orderNumber);

  await expect(palette.summary()).toContainText('paid ✓');
  await expect(palette.summary()).toContainText('CRM needs review (auth) ✗');
  await expect(palette.step(WAREHOUSE_FLOW)).toBeVisible();
  await expect(page.getByTestId('order-customer-email')).toHaveText(
    `buyer${orderNumber}@example.com`,
  );
  const crm = palette.step(CRM_FLOW);
  await expect(crm.getByTestId('journey-step-status')).toHaveText('needs review');
  await expect(crm.getByTestId('journey-step-error')).toContainText('(auth)');
  await expect(crm.getByTestId('journey-last-step')).not.toHaveText('—');

  // Replay the failed step with a reason.
  const reason = `CRM token rotated (journey e2e ${orderNumber})`;
  await crm.getByRole('button', { name: /^Replay/ }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('textbox', { name: 'Reason' }).fill(reason);
  await dialog.getByRole('button', { name: 'Replay step' }).click();
  await expect(page.getByText(`Replay requested: “${reason}”`)).toBeVisible();
  await expect(dialog).toHaveCount(0);

  const crmStatus = crm.getByTestId('journey-step-status');
  await expect(async () => {
    await page.reload();
    await expect(crmStatus).toHaveText('completed', { timeout: 1000 });
  }).toPass({ timeout: 30_000 });
  await expect(crm.getByRole('button', { name: /^Replay/ })).toHaveCount(0);
  // Only the CRM step was broken by us; the sample order's other steps are whatever they are.
  await expect(palette.summary()).toContainText('CRM ✓');
  await expect(palette.summary()).not.toContainText('CRM needs review');
});

test('support finds an order by the warehouse reference, through the search page', async ({
  page,
  login,
  sendPaidOrder,
}) => {
  const orderNumber = await sendPaidOrder();
  await login.signInAs('support');
  let reference = '';
  await expect
    .poll(
      async () => {
        const warehouse = (await journeyOf(page, orderNumber))?.steps.find(
          (s) => s.flow.name === WAREHOUSE_FLOW,
        );
        reference = warehouse?.externalRefs.warehouse ?? '';
        return reference;
      },
      { timeout: 30_000 },
    )
    .toMatch(/^FUL-/);

  // The header button opens the same palette; the last option searches on the search page.
  await page.getByRole('button', { name: 'Search ⌘K' }).click();
  const palette = new SearchPalette(page);
  await palette.input().fill(reference);
  await expect(palette.options().first()).toContainText(`Order #${orderNumber}`);
  await expect(palette.options().first()).toContainText('matched by provider reference');
  await page.keyboard.press('End');
  await expect(palette.options().last()).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Enter');

  await expect(page).toHaveURL(/\/search\?q=FUL-/);
  const hit = page.getByTestId('search-hit').filter({ hasText: `Order #${orderNumber}` });
  await expect(hit).toContainText('matched by provider reference');
  await hit.getByRole('link', { name: `Order #${orderNumber}` }).click();
  await expect(
    page.getByRole('heading', { name: `Order #${orderNumber}`, level: 1 }),
  ).toBeVisible();

  // "/" opens the palette when focus is not in a text field; Escape closes it.
  await page.getByRole('heading', { level: 1 }).click();
  await page.keyboard.press('/');
  await expect(palette.input()).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(palette.input()).toHaveCount(0);
});

test('the viewer sees the journey with the email masked and no Replay buttons', async ({
  page,
  login,
  sendPaidOrder,
}) => {
  // The sample order has no customer name: its CRM step goes to review as invalid by itself.
  const orderNumber = await sendPaidOrder();
  await login.signInAs('viewer');
  await waitForStep(page, orderNumber, CRM_FLOW, 'needs_review');

  const palette = new SearchPalette(page);
  await palette.open();
  await palette.input().fill(String(orderNumber));
  const top = palette.options().first();
  await expect(top).toContainText(`Order #${orderNumber}`);
  await expect(top).toHaveAttribute('aria-selected', 'true');
  await expect(top).toContainText('b***@example.com');
  await page.keyboard.press('Enter');
  await expect(
    page.getByRole('heading', { name: `Order #${orderNumber}`, level: 1 }),
  ).toBeVisible();

  await expect(page.getByTestId('order-customer-email')).toHaveText('b***@example.com');
  await expect(page.getByText(`buyer${orderNumber}@example.com`)).toHaveCount(0);
  await expect(palette.step(CRM_FLOW).getByTestId('journey-step-status')).toHaveText(
    'needs review',
  );
  await expect(page.getByRole('button', { name: /^Replay/ })).toHaveCount(0);

  // Viewers may not probe for personal data: an email search is explained, not answered.
  await palette.open();
  await palette.input().fill(`buyer${orderNumber}@example.com`);
  await expect(page.getByRole('dialog')).toContainText('may not search by customer email');
  await expect(palette.options().filter({ hasText: `Order #${orderNumber}` })).toHaveCount(0);
});
