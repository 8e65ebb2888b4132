import { test as base } from '@playwright/test';
import { setChaos } from '../test/support/sims';
import { signedOrderWebhook, sampleOrder } from '../test/support/webhooks';
import { ConnectionsPage } from './pages/connections-page';
import { LoginPage } from './pages/login-page';
import { TransactionPage } from './pages/transaction-page';
import { TransactionsPage } from './pages/transactions-page';
import { knownSecrets, registerSecret, SecretScanner } from './support/secret-scan';
import { nextOrderNumber, suiteRows } from './support/suite-db';

/**
 * Sends a signed orders/paid webhook for a fresh order number and returns that number. `extra`
 * adds or overrides order fields (the sample has no customer name, so its CRM transaction goes to
 * review as invalid; pass a customer for one the CRM can accept).
 *
 * admin/webhook-rotation.spec.ts refuses the suite's secret for a few seconds while it proves that
 * only the new one verifies, and specs beside it send orders: a 401 is sent again for up to
 * ROTATION_WAIT_MS, as a storefront redelivers what was not acknowledged.
 */
async function sendPaidOrder(extra: Record<string, unknown> = {}): Promise<number> {
  // From a sequence of the run, not at random: two specs' random numbers met in a CI run, and the
  // second order of a number is taken for the first one's (without the fields its spec sent).
  const orderNumber = await nextOrderNumber();
  const hook = signedOrderWebhook(
    { ...sampleOrder(orderNumber), ...extra },
    process.env.E2E_WEBHOOK_SECRET ?? '',
  );
  const deadline = Date.now() + ROTATION_WAIT_MS;
  for (;;) {
    const response = await fetch(process.env.E2E_INGEST_URL ?? '', {
      method: 'POST',
      body: hook.body,
      headers: hook.headers,
    });
    if (response.status === 202) return orderNumber;
    if (response.status !== 401 || Date.now() > deadline)
      throw new Error(`webhook answered ${response.status}: ${await response.text()}`);
    await response.arrayBuffer();
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
const ROTATION_WAIT_MS = 60_000;

const SIMULATORS = {
  warehouse: 'E2E_WAREHOUSE_URL',
  erp: 'E2E_ERP_URL',
  crm: 'E2E_CRM_URL',
  dockyard: 'E2E_DOCKYARD_URL',
} as const;

/** Sets chaos on a simulator (global-setup exposes their URLs), e.g. { authExpired: true }. */
async function chaos(system: keyof typeof SIMULATORS, patch: Record<string, unknown>) {
  const url = process.env[SIMULATORS[system]];
  if (!url) throw new Error(`${SIMULATORS[system]} is not set: run through e2e/global-setup.ts`);
  await setChaos(url, patch);
}

/**
 * Safety net for specs that pause a demo connection: if one fails half-way, the connection must not
 * stay paused for the specs after it. Only ever the suite's own database (global-setup guards it),
 * and only the demo tenant's connection: specs beside the flows make tenants with the same keys.
 */
async function activateConnection(key: string) {
  await suiteRows(
    `UPDATE connections SET status = 'active', paused_at = NULL, paused_by = NULL, pause_reason = NULL
     WHERE key = $1 AND tenant_id = (SELECT id FROM tenants WHERE slug = 'acme')`,
    [key],
  );
}

export const test = base.extend<{
  login: LoginPage;
  transactions: TransactionsPage;
  transaction: TransactionPage;
  connections: ConnectionsPage;
  sendPaidOrder: typeof sendPaidOrder;
  chaos: typeof chaos;
  activateConnection: typeof activateConnection;
  /** automatic: fails the test if any response it saw contained a known secret */
  secretScan: SecretScanner;
}>({
  // Every test, every spec: see e2e/support/secret-scan.ts. The context and request fixtures are
  // wrapped so pages, page.request and the standalone request context are all watched; each waits
  // for its pending scans before it closes, then the scanner fails the test naming what leaked.
  secretScan: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const scanner = new SecretScanner(knownSecrets());
      await use(scanner);
      await scanner.settle();
      if (scanner.leaks.length) throw new Error(scanner.report());
    },
    { auto: true },
  ],
  context: async ({ context, secretScan }, use) => {
    secretScan.watchContext(context);
    await use(context);
    await secretScan.settle();
  },
  request: async ({ request, secretScan }, use) => {
    secretScan.watchApi(request);
    await use(request);
    await secretScan.settle();
  },
  login: async ({ page }, use) => use(new LoginPage(page)),
  transactions: async ({ page }, use) => use(new TransactionsPage(page)),
  transaction: async ({ page }, use) => use(new TransactionPage(page)),
  connections: async ({ page }, use) => use(new ConnectionsPage(page)),
  // eslint-disable-next-line no-empty-pattern
  sendPaidOrder: async ({}, use) => use(sendPaidOrder),
  // eslint-disable-next-line no-empty-pattern
  chaos: async ({}, use) => use(chaos),
  // eslint-disable-next-line no-empty-pattern
  activateConnection: async ({}, use) => use(activateConnection),
});

export { expect } from '@playwright/test';
export { registerSecret };
