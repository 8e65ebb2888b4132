// SLA and alert rules through the browser: an admin creates an SLA rule and an alert rule on it,
// sees the alert rule's signing secret once (gone after "I have copied it" and on reload), rotates
// it, and finds every change in the audit log. The rules are deleted at the end so other specs
// see no alerting.
import { expect, test } from '../../support';
import { AuditPage } from '../../pages/audit-page';

const SLA_NAME = `Warehouse ack e2e ${Date.now().toString(36)}`;
const ALERT_NAME = `SLA alert e2e ${Date.now().toString(36)}`;

test.describe.serial('SLA and alert rules', () => {
  test('admin creates an SLA rule and an alert rule, sees the secret once, audit shows both', async ({
    page,
    login,
  }) => {
    await login.signInAs('admin');
    await page.goto('/settings');
    await page.getByRole('link', { name: /SLAs and alerts/ }).click();
    await expect(page.getByRole('heading', { name: 'Settings · SLAs and alerts' })).toBeVisible();

    // An SLA rule: the warehouse flow within 30 minutes of the order arriving.
    const slaForm = page.getByRole('region', { name: 'Create an SLA rule' });
    await slaForm.getByLabel('Name', { exact: true }).fill(SLA_NAME);
    await slaForm.getByLabel('Expected flow').selectOption({ index: 1 });
    await slaForm.getByLabel('Within (minutes)').fill('30');
    await slaForm.getByRole('button', { name: 'Create SLA rule' }).click();
    await expect(slaForm.getByRole('status')).toContainText(`SLA rule "${SLA_NAME}" created`);
    const slaRow = page.getByRole('row', { name: new RegExp(SLA_NAME) });
    await expect(slaRow).toContainText('within 30 min');
    await expect(slaRow).toContainText('enabled');

    // Garbage is refused in words, nothing is created.
    await slaForm.getByLabel('Name', { exact: true }).fill('too long');
    await slaForm.getByLabel('Expected flow').selectOption({ index: 1 });
    await slaForm.getByLabel('Within (minutes)').fill('20000');
    await slaForm.getByLabel('Within (minutes)').evaluate((el) => el.removeAttribute('max'));
    await slaForm.getByRole('button', { name: 'Create SLA rule' }).click();
    await expect(slaForm.getByRole('alert')).toContainText('at most 10080 minutes');

    // An alert rule on that SLA: the kind selector shows that kind's fields.
    const alertForm = page.getByRole('region', { name: 'Create an alert rule' });
    await alertForm.getByLabel('Name', { exact: true }).fill(ALERT_NAME);
    await alertForm.getByLabel('Alert when').selectOption({ label: 'SLA breaches' });
    await expect(alertForm.getByLabel('SLA rule')).toBeVisible();
    await expect(alertForm.getByLabel('Failure rate above (%)')).toHaveCount(0);
    await alertForm.getByLabel('SLA rule').selectOption({ label: SLA_NAME });

    // An internal address is refused before anything is saved.
    await alertForm.getByLabel('Webhook URL').fill('http://169.254.169.254/latest/meta-data/');
    await alertForm.getByRole('button', { name: 'Create alert rule' }).click();
    await expect(alertForm.getByRole('alert')).toContainText('link-local address');

    await alertForm.getByLabel('Webhook URL').fill('https://alerts.example.com/waybill');
    await alertForm.getByRole('button', { name: 'Create alert rule' }).click();
    const shown = page.getByRole('region', { name: `Alert rule "${ALERT_NAME}" created` });
    await expect(shown).toBeVisible();
    const secret = await shown.getByLabel('The signing secret').inputValue();
    expect(secret).toMatch(/^whsec_/);
    await expect(shown.getByRole('button', { name: /Copy/ })).toBeVisible();
    await shown.getByRole('button', { name: 'I have copied it' }).click();
    await expect(page.getByText(secret)).toHaveCount(0);

    await page.reload();
    const alertRow = page.getByRole('row', { name: new RegExp(ALERT_NAME) });
    await expect(alertRow).toContainText(/set · rotated/);
    expect(await page.content()).not.toContain(secret);

    // Rotating shows a new secret once.
    await alertRow.getByRole('button', { name: `Rotate secret of ${ALERT_NAME}` }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Rotate secret' }).click();
    const rotated = page.getByRole('region', { name: `New signing secret for "${ALERT_NAME}"` });
    const secondSecret = await rotated.getByLabel('The signing secret').inputValue();
    expect(secondSecret).not.toBe(secret);
    await rotated.getByRole('button', { name: 'I have copied it' }).click();

    // The audit log has both rules and the rotation, never a secret.
    const audit = new AuditPage(page);
    for (const action of ['sla_rule.created', 'alert_rule.created', 'alert_rule.secret_rotated']) {
      await audit.open({ action });
      await expect(audit.rows().first()).toBeVisible();
      expect(await page.content()).not.toContain(secret);
      expect(await page.content()).not.toContain(secondSecret);
    }
    await audit.open({ action: 'sla_rule.created' });
    await expect(audit.rows().filter({ hasText: SLA_NAME })).toHaveCount(1);
    await audit.open({ action: 'alert_rule.created' });
    await expect(audit.rows().filter({ hasText: ALERT_NAME })).toHaveCount(1);

    // Tidy up: deleting is confirmed and audited too.
    await page.goto('/settings/alerts');
    for (const name of [ALERT_NAME, SLA_NAME]) {
      await page
        .getByRole('row', { name: new RegExp(name) })
        .getByRole('button', { name: `Delete ${name}` })
        .click();
      await page
        .getByRole('alertdialog')
        .getByRole('button', { name: /^Delete / })
        .click();
      await expect(page.getByRole('row', { name: new RegExp(name) })).toHaveCount(0);
    }
  });
});
