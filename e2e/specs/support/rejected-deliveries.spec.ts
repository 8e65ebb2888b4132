import { expect, test } from '../../support';
import { sampleOrder, signedOrderWebhook } from '../../../test/support/webhooks';

test('a delivery with a wrong signature is refused and visible to operators with its reason', async ({
  page,
  login,
}) => {
  const hook = signedOrderWebhook(sampleOrder(99_001), 'a-wrong-secret');
  const response = await fetch(process.env.E2E_INGEST_URL ?? '', {
    method: 'POST',
    body: hook.body,
    headers: hook.headers,
  });
  expect(response.status).toBe(401);
  await login.signInAs('support');
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Inbound events' })
    .click();
  await page
    .getByRole('navigation', { name: 'Filter by status' })
    .getByRole('link', { name: 'rejected' })
    .click();
  await expect(page).toHaveURL(/status=rejected/);
  await expect(
    page.getByTestId('inbound-row').filter({ hasText: 'signature invalid' }).first(),
  ).toBeVisible();
});
