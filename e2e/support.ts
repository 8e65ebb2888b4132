import { test as base } from '@playwright/test';
import { signedOrderWebhook, sampleOrder } from '../test/support/webhooks';
import { LoginPage } from './pages/login-page';
import { TransactionsPage } from './pages/transactions-page';

/** Sends a signed orders/paid webhook for a fresh order number and returns that number. */
async function sendPaidOrder(): Promise<number> {
  const orderNumber = 60_000 + Math.floor(Math.random() * 30_000);
  const hook = signedOrderWebhook(sampleOrder(orderNumber), process.env.E2E_WEBHOOK_SECRET ?? '');
  const response = await fetch(process.env.E2E_INGEST_URL ?? '', {
    method: 'POST',
    body: hook.body,
    headers: hook.headers,
  });
  if (response.status !== 202)
    throw new Error(`webhook answered ${response.status}: ${await response.text()}`);
  return orderNumber;
}

export const test = base.extend<{
  login: LoginPage;
  transactions: TransactionsPage;
  sendPaidOrder: () => Promise<number>;
}>({
  login: async ({ page }, use) => use(new LoginPage(page)),
  transactions: async ({ page }, use) => use(new TransactionsPage(page)),
  // eslint-disable-next-line no-empty-pattern
  sendPaidOrder: async ({}, use) => use(sendPaidOrder),
});

export { expect } from '@playwright/test';
