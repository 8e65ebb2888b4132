import { expect, type Page } from '@playwright/test';

/** One transaction's screen (reached through TransactionsPage.openOrderInFlow). */
export class TransactionPage {
  constructor(private readonly page: Page) {}

  status() {
    return this.page.getByTestId('transaction-status');
  }

  timelineEntries(type: string) {
    return this.page.locator(`[data-testid="timeline-entry"][data-type="${type}"]`);
  }

  replayButton() {
    return this.page.getByRole('button', { name: 'Replay', exact: true });
  }

  async replay(reason: string) {
    await this.page.getByRole('textbox', { name: 'Reason' }).fill(reason);
    await this.replayButton().click();
    await expect(
      this.page.getByRole('status').filter({ hasText: 'Replay requested' }),
    ).toBeVisible();
  }
}
