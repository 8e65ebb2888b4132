import { expect, type Page } from '@playwright/test';

export class ConnectionsPage {
  constructor(private readonly page: Page) {}

  async open() {
    await this.page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Connections' })
      .click();
    await expect(this.page.getByRole('heading', { name: 'Connections', level: 1 })).toBeVisible();
  }

  /** A connection's row, found by its row header (the name; the provider follows it). */
  connection(name: string) {
    return this.page
      .getByRole('table', { name: 'Connections' })
      .getByRole('row')
      .filter({ has: this.page.getByRole('rowheader', { name: new RegExp(`^${name}\\b`) }) });
  }

  flow(name: string) {
    return this.page
      .getByRole('table', { name: 'Flows' })
      .getByRole('row')
      .filter({ has: this.page.getByRole('rowheader', { name, exact: true }) });
  }

  /** A pause says why: the reason is shown on every transaction it holds. */
  async pauseConnection(name: string, reason = 'paused by an e2e spec') {
    const row = this.connection(name);
    await row.getByRole('button', { name: `Pause ${name}` }).click();
    const dialog = row.getByRole('group', { name: `Confirm pause of ${name}` });
    await dialog.getByRole('textbox', { name: /^Reason/ }).fill(reason);
    await dialog.getByRole('button', { name: 'Confirm pause' }).click();
    await expect(row.getByRole('status')).toContainText('Paused —');
  }

  async resumeConnection(name: string) {
    const row = this.connection(name);
    await row.getByRole('button', { name: `Resume ${name}` }).click();
    await expect(row.getByRole('status')).toContainText('Resumed —');
  }
}
