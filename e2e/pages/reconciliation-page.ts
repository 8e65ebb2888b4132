import { expect, type Locator, type Page } from '@playwright/test';
import { downloadText } from '../support/download';

/** The reconciliation screen: runs, one run's drift, decisions and the export. */
export class ReconciliationPage {
  constructor(private readonly page: Page) {}

  async open() {
    await this.page.goto('/reconciliation');
    await expect(this.page.getByRole('heading', { name: 'Reconciliation' })).toBeVisible();
  }

  /** Starts a run of `flow` (its name) over today (UTC) and lands on the run's page. */
  async startRunForToday(flow: string) {
    const form = this.page.getByRole('form', { name: 'Start a run' });
    const select = form.getByLabel('Flow');
    const value = await select.locator('option', { hasText: `${flow} (` }).getAttribute('value');
    await select.selectOption(value ?? '');
    await form.getByRole('button', { name: 'Run reconciliation' }).click();
    await expect(this.page).toHaveURL(/\/reconciliation\/runs\/[0-9a-f-]{36}/);
  }

  runStatus(): Locator {
    return this.page.locator('h1 [data-run-status]');
  }

  /** Waits (the page refreshes itself while running) until the run has completed. */
  async waitForCompletion() {
    await expect(this.runStatus()).toHaveText('completed', { timeout: 60_000 });
  }

  /** A row of the finance totals: one system (connection key) in one currency. */
  totalsRow(system: string, currency: string): Locator {
    return this.page.locator(
      `[data-testid="finance-totals"] tr[data-system="${system}"][data-currency="${currency}"]`,
    );
  }

  /** A money cell of a totals row ("1,234.50 EUR" or "-12.00 EUR") in minor units. */
  async minor(row: Locator, which: 'ledger' | 'provider' | 'difference'): Promise<number> {
    const text = (await row.locator(`[data-money="${which}"]`).innerText()).split('\n')[0] ?? '';
    const amount = /-?[\d,]+\.\d\d/.exec(text)?.[0];
    if (!amount) throw new Error(`no amount in "${text}"`);
    return Math.round(Number(amount.replaceAll(',', '')) * 100);
  }

  countsText(): Locator {
    return this.page.getByTestId('run-counts');
  }

  /** The counts the sentence states: "N records compared …: M matched + D with drift. I drift items …" */
  async counts() {
    const text = await this.countsText().innerText();
    const num = (re: RegExp) => Number((re.exec(text)?.[1] ?? 'NaN').replaceAll(',', ''));
    return {
      compared: num(/^([\d,]+) records? compared/),
      matched: num(/: ([\d,]+) matched/),
      drifted: num(/\+ ([\d,]+) with drift/),
      items: /No drift items/.test(text) ? 0 : num(/([\d,]+) drift items?/),
    };
  }

  /** One drift pattern (kind, field, cause) of the run page. */
  pattern(kind: string, field: string, cause: string): Locator {
    return this.page.locator(`[data-drift-pattern="${kind}:${field}:${cause}"]`);
  }

  kindCard(kind: string): Locator {
    return this.page.locator(`[data-drift-kind="${kind}"]`);
  }

  /** The drift item row of one order (and field, when given). */
  itemRow(orderNumber: number | string, field?: string): Locator {
    const rows = this.page
      .locator('[data-drift-item]')
      .filter({ has: this.page.getByRole('link', { name: String(orderNumber), exact: true }) });
    return field ? rows.filter({ hasText: field }) : rows;
  }

  /** Accepts one item with a note, through its confirmation. */
  async accept(row: Locator, note: string) {
    await row.getByRole('button', { name: /^Accept/ }).click();
    const dialog = this.page.getByRole('alertdialog');
    await expect(dialog).toContainText('Accept 1 item?');
    await dialog.getByLabel('Note').fill(note);
    await dialog.getByRole('button', { name: 'Accept 1' }).click();
    await expect(dialog).toBeHidden();
  }

  /** A sonner toast carrying `text`. */
  toast(text: string | RegExp): Locator {
    return this.page.locator('[data-sonner-toast]').filter({ hasText: text });
  }

  /** Clicks "Export CSV" and answers the downloaded file's name and text. */
  exportCsv(): Promise<{ filename: string; text: string }> {
    return downloadText(this.page, 'Export CSV');
  }
}
