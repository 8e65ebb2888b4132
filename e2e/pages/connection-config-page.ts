import { expect, type Page } from '@playwright/test';

export type OverlapLabel = 'No overlap — stop at once' | '1 hour' | '24 hours' | '7 days';

/** The configuration screen of one connection (/connections/[id]), reached from the list. */
export class ConnectionConfigPage {
  constructor(private readonly page: Page) {}

  async openFromList(name: string) {
    await this.page.goto('/connections');
    await this.page
      .getByRole('table', { name: 'Connections' })
      .getByRole('link', { name: `Configure ${name}` })
      .click();
    await expect(
      this.page.getByRole('heading', { name: `Configure ${name}`, level: 1 }),
    ).toBeVisible();
  }

  private webhookSection() {
    return this.page.getByRole('region', { name: 'Webhook secret' });
  }

  webhookState() {
    return this.page.getByTestId('webhook-secret-state');
  }

  overlapNotice() {
    return this.page.getByTestId('webhook-overlap');
  }

  async rotateWebhookSecret(secret: string, overlap: OverlapLabel) {
    const form = this.page.getByRole('form', { name: 'Rotate webhook secret' });
    const field = form.getByLabel('New secret (as issued by the provider)');
    await field.fill(secret);
    await form.getByLabel('Keep accepting the current secret for').selectOption({ label: overlap });
    await form.getByRole('button', { name: 'Rotate secret' }).click();
    await expect(form.getByRole('status')).toContainText('Webhook secret rotated');
    // Write-only: the field is emptied once the secret has been sent.
    await expect(field).toHaveValue('');
  }

  async endOverlap() {
    await this.overlapNotice().getByRole('button', { name: 'End overlap now' }).click();
    await expect(this.overlapNotice()).toBeHidden();
  }

  async testConnection() {
    await this.page.getByRole('button', { name: 'Test connection' }).click();
    return this.page.getByTestId('test-connection-result');
  }

  section(name: 'Settings' | 'Limits' | 'Credentials' | 'Webhook secret' | 'Masking rules') {
    return name === 'Webhook secret'
      ? this.webhookSection()
      : this.page.getByRole('region', { name });
  }
}
