import type { Page } from '@playwright/test';
import { expect, test } from '../../support';
import { suiteRows } from '../../support/suite-db';

// A masking rule on the storefront connection marks a field this spec's orders alone carry, so the
// rule cannot change what other specs see. Set through SQL: the editor is another screen's spec.
const RULE = '$.gift_message';

async function setCommerceRules(rules: string[]) {
  await suiteRows(`UPDATE connections SET masking_rules = $1::jsonb WHERE key = 'commerce'`, [
    JSON.stringify(rules),
  ]);
}

async function revealEntries(transactionId: string) {
  return suiteRows<{ reason: string; actor_label: string }>(
    `SELECT reason, actor_label FROM audit_entries
     WHERE action = 'payload.revealed' AND object_id = $1`,
    [transactionId],
  );
}

test.beforeAll(() => setCommerceRules([RULE]));
test.afterAll(() => setCommerceRules([]));

const payloads = (page: Page) => page.getByRole('region', { name: 'Payloads' });

test('an admin sees a marked field masked, reveals it with a reason, and the reveal is audited', async ({
  page,
  login,
  transactions,
  transaction,
  sendPaidOrder,
}) => {
  const secret = `wrap it in blue paper ${Date.now()}`;
  const orderNumber = await sendPaidOrder({ gift_message: secret });
  await login.signInAs('admin');
  await transactions.openOrder(orderNumber);

  const raw = payloads(page).getByRole('group', { name: 'Raw payload' });
  await expect(raw).toContainText('"gift_message": "•••"');
  await expect(raw).not.toContainText(secret);
  await expect(payloads(page)).toContainText('Fields the connections mark as sensitive');

  await payloads(page).getByRole('button', { name: 'Reveal', exact: true }).click();
  const dialog = page.getByRole('alertdialog', { name: 'Reveal masked values?' });
  await dialog.getByRole('textbox', { name: 'Reason' }).fill('customer asked what the note said');
  await dialog.getByRole('button', { name: 'Reveal', exact: true }).click();

  await expect(payloads(page).getByRole('status')).toHaveText(
    /Revealed by you for this view — recorded in the audit log/,
  );
  await expect(raw).toContainText(secret);
  expect(await revealEntries(transaction.id())).toEqual([
    expect.objectContaining({ reason: 'customer asked what the note said' }),
  ]);

  // Nothing unmasked was kept: a reload masks again.
  await page.reload();
  await expect(payloads(page).getByRole('group', { name: 'Raw payload' })).not.toContainText(
    secret,
  );
});

test('support sees the marked field masked and has no Reveal button', async ({
  page,
  login,
  transactions,
  sendPaidOrder,
}) => {
  const secret = `leave at the back door ${Date.now()}`;
  const orderNumber = await sendPaidOrder({ gift_message: secret });
  await login.signInAs('support');
  await transactions.openOrder(orderNumber);

  const raw = payloads(page).getByRole('group', { name: 'Raw payload' });
  await expect(raw).toContainText('"gift_message": "•••"');
  await expect(raw).not.toContainText(secret);
  await expect(payloads(page).getByRole('button', { name: 'Reveal', exact: true })).toHaveCount(0);
});
