import { expect, type Page } from '@playwright/test';

export type TransactionAction = 'Resolve with note' | 'Cancel transaction' | 'Add note';

const CONFIRM: Record<TransactionAction, string> = {
  'Resolve with note': 'Resolve',
  'Cancel transaction': 'Yes, cancel it',
  'Add note': 'Save note',
};

/** One transaction's screen (reached through TransactionsPage.openOrderInFlow). */
export class TransactionPage {
  constructor(private readonly page: Page) {}

  /** the transaction id, read from the URL */
  id() {
    const id = new URL(this.page.url()).pathname.split('/').at(-1);
    if (!id) throw new Error(`not on a transaction page: ${this.page.url()}`);
    return id;
  }

  status() {
    return this.page.getByTestId('transaction-status');
  }

  /** the value the header shows for `term` ("Customer", "Attempts", ...) */
  headerValue(term: string) {
    return this.page
      .getByRole('term')
      .filter({ hasText: new RegExp(`^${term}$`) })
      .locator('xpath=following-sibling::dd[1]');
  }

  lastError() {
    return this.page.getByTestId('last-error');
  }

  timelineEntries(type: string) {
    return this.page.locator(`[data-testid="timeline-entry"][data-type="${type}"]`);
  }

  attemptRows() {
    return this.page.getByTestId('attempt-row');
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

  actionButton(action: TransactionAction) {
    return this.page.getByRole('button', { name: action, exact: true });
  }

  /** the open confirmation dialog of an action */
  dialog() {
    return this.page.getByRole('alertdialog');
  }

  /** Opens the action's dialog, writes the note and confirms; waits for the dialog to close. */
  async act(action: TransactionAction, note: string) {
    await this.actionButton(action).click();
    const dialog = this.dialog();
    await dialog.getByRole('textbox', { name: 'Note', exact: true }).fill(note);
    await dialog.getByRole('button', { name: CONFIRM[action], exact: true }).click();
    await expect(dialog).toHaveCount(0);
  }

  /** A sonner toast carrying `text`. */
  toast(text: string | RegExp) {
    return this.page.locator('[data-sonner-toast]').filter({ hasText: text });
  }

  async openPayloadTab(
    name: 'Inbound raw' | 'Canonical command' | 'Outbound request' | 'Provider response',
  ) {
    await this.page.getByRole('tab', { name, exact: true }).click();
  }

  /** The code block of a payload view, by its label ("Raw payload", "Provider response", ...). */
  payload(label: string) {
    return this.page.getByLabel(label, { exact: true });
  }

  /** The Copy button of the payload view headed `label` (named "Copied" for a moment after). */
  copyPayloadButton(label: string) {
    return this.page
      .getByRole('heading', { name: label, exact: true })
      .locator('xpath=..')
      .getByRole('button');
  }

  /** the State comparison section (nothing is read until it is opened) */
  stateComparison() {
    return this.page.getByRole('region', { name: 'State comparison' });
  }

  /** Opens the state comparison and waits for the live readings (or their errors). */
  async openStateComparison() {
    const section = this.stateComparison();
    await section.getByRole('button', { name: /Compare (with live systems|again)/ }).click();
    await expect(section.getByText('Reading the live systems…')).toHaveCount(0, {
      timeout: 20_000,
    });
    await expect(section.getByRole('table')).toBeVisible();
  }

  /** The comparison row of a canonical field ("total", "lines.0.sku", ...). */
  comparisonRow(field: string) {
    return this.stateComparison()
      .getByRole('row')
      .filter({ has: this.page.getByRole('rowheader', { name: field, exact: true }) });
  }

  /** The reading line of one system ("ERP (target)", "Storefront (source)") with its time. */
  comparisonReading(system: string) {
    return this.stateComparison().getByRole('listitem').filter({ hasText: system });
  }
}
