import { expect, type Page } from '@playwright/test';

/** The Flows & mappings screens: the list and one flow's versions, editor, test run and diff. */
export class FlowMappingPage {
  constructor(private readonly page: Page) {}

  /** Opens the list through the navigation, then the flow named `name`. */
  async open(name: string) {
    await this.page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Flows & mappings' })
      .click();
    await expect(
      this.page.getByRole('heading', { name: 'Flows & mappings', level: 1 }),
    ).toBeVisible();
    await this.page.getByRole('link', { name, exact: true }).click();
    await expect(this.page.getByRole('heading', { name, level: 1 })).toBeVisible();
  }

  /** the flow id, read from the URL */
  id() {
    const id = new URL(this.page.url()).pathname.split('/').at(-1);
    if (!id) throw new Error(`not on a flow page: ${this.page.url()}`);
    return id;
  }

  /** the active version number the header states */
  async activeVersion(): Promise<number> {
    const text = (await this.page.getByTestId('flow-active-version').textContent()) ?? '';
    const n = /version (\d+) active/.exec(text)?.[1];
    if (!n) throw new Error(`no active version on the page: "${text}"`);
    return Number(n);
  }

  expression() {
    return this.page.getByRole('textbox', { name: 'Expression (JSONata)' });
  }

  /** Saves the editor's content as a new version; answers its number from the confirmation. */
  async saveVersion(note: string): Promise<number> {
    await this.page.getByRole('textbox', { name: /^Note/ }).fill(note);
    await this.page.getByRole('button', { name: 'Save as new version' }).click();
    const saved = this.page.getByRole('status').filter({ hasText: /Saved as version \d+/ });
    await expect(saved).toBeVisible();
    const n = /Saved as version (\d+)/.exec((await saved.textContent()) ?? '')?.[1];
    return Number(n);
  }

  versionRow(version: number) {
    return this.page.locator(`[data-testid="version-row"][data-version="${version}"]`);
  }

  /** Runs the editor's draft on the newest stored payload; answers the result block. */
  async testRunDraft() {
    await this.page.getByLabel('Mapping', { exact: true }).selectOption('draft');
    await this.page.getByRole('button', { name: 'Run test' }).click();
    const result = this.page.getByTestId('test-run-result');
    await expect(result).toBeVisible();
    return result;
  }

  async activate(version: number) {
    await this.versionRow(version)
      .getByRole('button', { name: `Activate version ${version}` })
      .click();
    const dialog = this.page.getByRole('alertdialog');
    await dialog.getByRole('button', { name: `Activate version ${version}` }).click();
    await expect(dialog).toHaveCount(0);
    await expect(this.versionRow(version).getByTestId('active-badge')).toBeVisible();
  }

  /** Rolls back to the version the button names ("Roll back to v1"). */
  async rollBack(to?: number) {
    const name = to === undefined ? /^Roll back to v\d+$/ : `Roll back to v${to}`;
    await this.page.getByRole('button', { name }).click();
    const dialog = this.page.getByRole('alertdialog');
    await dialog.getByRole('button', { name }).click();
    await expect(dialog).toHaveCount(0);
  }

  /** Picks the stored payload of `businessKey` through the picker's search. */
  async pickPayload(businessKey: string) {
    await this.page.getByRole('searchbox', { name: 'Find a payload' }).fill(businessKey);
    const picker = this.page.getByLabel(/^Stored payload/);
    await expect(picker.locator('option').first()).toContainText(businessKey);
    await expect(picker).not.toContainText('No payload matches');
  }

  toast(text: string | RegExp) {
    return this.page.locator('[data-sonner-toast]').filter({ hasText: text });
  }
}
