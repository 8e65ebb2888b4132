import { expect, test } from '../../support';
import { ConnectionConfigPage } from '../../pages/connection-config-page';
import { registerSecret } from '../../support/secret-scan';
import { suiteRows } from '../../support/suite-db';
import { sampleOrder, signedOrderWebhook } from '../../../test/support/webhooks';

// The commerce connection's webhook secret is shared by every spec (sendPaidOrder signs with it):
// this spec rotates it back at the end, and the afterEach puts the stored value back if it did not.
const OLD_SECRET = process.env.E2E_WEBHOOK_SECRET ?? '';
const NEW_SECRET = `whk_rotated_${Date.now().toString(36)}_e2e`;

/**
 * Deliveries go to the ingest receiver, another process than the console that rotates: it reads
 * a connection's secrets again within 5 s (lib/ingest/resolve-target.ts), so the change is awaited.
 */
const RECEIVER_LEARNS = { timeout: 12_000, intervals: [500] };

/** Posts a signed orders/paid delivery and answers the HTTP status the ingest URL gave. */
async function deliver(secret: string): Promise<number> {
  const orderNumber = 90_000 + Math.floor(Math.random() * 9_000);
  const hook = signedOrderWebhook(sampleOrder(orderNumber), secret);
  const response = await fetch(process.env.E2E_INGEST_URL ?? '', {
    method: 'POST',
    body: hook.body,
    headers: hook.headers,
  });
  return response.status;
}

async function storedSecrets(): Promise<{ current: string | null; previous: string | null }> {
  const rows = await suiteRows<{ current: string | null; previous: string | null }>(
    `SELECT webhook_secret_encrypted AS current, previous_secret_encrypted AS previous
     FROM connections WHERE key = 'commerce'`,
  );
  return rows[0] ?? { current: null, previous: null };
}

test.describe('webhook secret rotation', () => {
  let original: string | null = null;
  let rotatedBack = false;

  test.beforeEach(async () => {
    registerSecret(NEW_SECRET, 'rotated commerce webhook secret');
    original = (await storedSecrets()).current;
    rotatedBack = false;
  });

  test.afterEach(async () => {
    if (rotatedBack || (await storedSecrets()).current === original) return;
    // Safety net: the ciphertext of the original secret goes back as it was; ingest caches a
    // connection for up to 5 s, so wait that out before the next spec signs with the old secret.
    await suiteRows(
      `UPDATE connections SET webhook_secret_encrypted = $1, previous_secret_encrypted = NULL,
       webhook_secret_overlap_until = NULL WHERE key = 'commerce'`,
      [original],
    );
    await new Promise((resolve) => setTimeout(resolve, 6000));
  });

  test('admin rotates with an overlap: both secrets verify, then only the new one', async ({
    page,
    login,
  }) => {
    const config = new ConnectionConfigPage(page);
    await login.signInAs('admin');
    await config.openFromList('Storefront');
    await expect(config.webhookState()).toContainText('set');

    expect(await deliver(OLD_SECRET)).toBe(202);
    expect(await deliver(NEW_SECRET)).toBe(401);

    await config.rotateWebhookSecret(NEW_SECRET, '24 hours');
    await expect(config.overlapNotice()).toContainText('Previous secret accepted until');
    await expect.poll(() => deliver(NEW_SECRET), RECEIVER_LEARNS).toBe(202);
    expect(await deliver(OLD_SECRET)).toBe(202);

    await config.endOverlap();
    await expect.poll(() => deliver(OLD_SECRET), RECEIVER_LEARNS).toBe(401);
    expect(await deliver(NEW_SECRET)).toBe(202);

    // The page shows the secret's state, never the secret.
    await page.reload();
    await expect(config.webhookState()).toContainText(/set · changed .* encrypted with key k1/);
    const html = await page.content();
    expect(html).not.toContain(NEW_SECRET);
    expect(html).not.toContain(OLD_SECRET);

    // Back to the suite's secret, without overlap, so later specs sign as before.
    await config.rotateWebhookSecret(OLD_SECRET, 'No overlap — stop at once');
    await expect(config.overlapNotice()).toBeHidden();
    await expect.poll(() => deliver(NEW_SECRET), RECEIVER_LEARNS).toBe(401);
    expect(await deliver(OLD_SECRET)).toBe(202);
    rotatedBack = true;
  });

  test('other roles cannot open the configuration screen', async ({ page, login }) => {
    await login.signInAs('support');
    await page.goto('/connections');
    await expect(page.getByRole('link', { name: /^Configure/ })).toHaveCount(0);
    await expect(page.getByRole('link', { name: 'New connection' })).toHaveCount(0);
    const response = await page.goto('/connections/new');
    expect(response?.status()).toBe(403);
  });
});
