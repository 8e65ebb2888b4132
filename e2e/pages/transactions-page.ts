import { readFile } from 'node:fs/promises';
import { expect, type Page } from '@playwright/test';

export class TransactionsPage {
  constructor(private readonly page: Page) {}

  /** Opens the list; `status` is one status or a comma list, as the URL carries it. */
  async open(filter?: { status?: string }) {
    await this.page.goto(
      filter?.status ? `/transactions?status=${filter.status}` : '/transactions',
    );
  }

  rows() {
    return this.page.getByTestId('transaction-row');
  }

  /** Ticks statuses in the Status menu (it stays open while ticking), then closes it. */
  async filterByStatus(...statuses: string[]) {
    await this.page.getByRole('button', { name: /^Status/ }).click();
    for (const status of statuses) {
      const item = this.page.getByRole('menuitemcheckbox', { name: status, exact: true });
      await item.click();
      await expect(item).toHaveAttribute('aria-checked', 'true');
    }
    await this.page.keyboard.press('Escape');
    await expect(this.page).toHaveURL(/[?&]status=/);
  }

  async filterByFlow(flowName: string) {
    await this.page.getByLabel('Flow', { exact: true }).selectOption({ label: flowName });
    await expect(this.page).toHaveURL(/[?&]flowId=/);
  }

  /** Clicks "Export CSV" and answers the downloaded file's name and text. */
  async exportCsv(): Promise<{ filename: string; text: string }> {
    const [download] = await Promise.all([
      this.page.waitForEvent('download'),
      this.page.getByRole('link', { name: 'Export CSV' }).click(),
    ]);
    const path = await download.path();
    return { filename: download.suggestedFilename(), text: await readFile(path, 'utf8') };
  }

  /** Opens the order's warehouse transaction (the flow every paid order has). */
  async openOrder(orderNumber: number) {
    await this.openOrderInFlow(orderNumber, 'Paid orders → warehouse fulfilment');
  }

  /**
   * A paid order fans out to several flows (warehouse, ERP, CRM), so its number alone names
   * several rows: pick the one of `flowName`, reloading until the worker has put it there.
   */
  async openOrderInFlow(orderNumber: number, flowName: string, filter?: { status?: string }) {
    await this.open(filter);
    const row = this.rows()
      .filter({ has: this.page.getByRole('link', { name: `#${orderNumber}`, exact: true }) })
      .filter({ hasText: flowName });
    await expect(async () => {
      await this.page.reload();
      await expect(row).toHaveCount(1, { timeout: 1000 });
    }).toPass({ timeout: 30_000 });
    await row.getByRole('link', { name: `#${orderNumber}`, exact: true }).click();
    await expect(
      this.page.getByRole('heading', { name: `Order #${orderNumber} · ${flowName}` }),
    ).toBeVisible();
  }
}
