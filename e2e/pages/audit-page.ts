import { expect, type Page } from '@playwright/test';
import { downloadText } from '../support/download';

export class AuditPage {
  constructor(private readonly page: Page) {}

  async open(filter?: { action?: string }) {
    const response = await this.page.goto(
      filter?.action ? `/audit?action=${filter.action}` : '/audit',
    );
    return response;
  }

  heading() {
    return this.page.getByRole('heading', { name: 'Audit log' });
  }

  rows() {
    return this.page.getByTestId('audit-row');
  }

  /** Picks an action in the Action select (by its words, e.g. "audit exported"). */
  async filterByAction(words: string) {
    await this.page.getByLabel('Action', { exact: true }).selectOption({ label: words });
    await expect(this.page).toHaveURL(/[?&]action=/);
  }

  /** Presses "Verify chain" and answers the result text once it is shown. */
  async verifyChain(): Promise<string> {
    await this.page.getByRole('button', { name: 'Verify chain' }).click();
    const result = this.page
      .getByRole('status')
      .filter({ hasText: /Chain intact|chain is broken/ });
    await expect(result).toBeVisible({ timeout: 30_000 });
    return (await result.textContent()) ?? '';
  }

  /** Clicks "Export CSV" and answers the downloaded file's name and text. */
  exportCsv(): Promise<{ filename: string; text: string }> {
    return downloadText(this.page, 'Export CSV');
  }
}
