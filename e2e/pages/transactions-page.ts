import { expect, type Page } from '@playwright/test';

export class TransactionsPage {
  constructor(private readonly page: Page) {}

  async open(filter?: { status?: string }) {
    await this.page.goto(
      filter?.status ? `/transactions?status=${filter.status}` : '/transactions',
    );
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
    const row = this.page
      .getByTestId('transaction-row')
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
