import { expect, type Locator, type Page } from '@playwright/test';

/** The Error queues screen: groups of open failures by flow and class, and their bulk actions. */
export class ErrorQueuesPage {
  constructor(private readonly page: Page) {}

  async open() {
    await this.page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Error queues' })
      .click();
    await expect(this.page.getByRole('heading', { name: 'Error queues', level: 1 })).toBeVisible();
  }

  /** One group's card, named by its flow and error class. */
  group(flowName: string, errorClass: string): Locator {
    return this.page.locator(
      `[data-testid="error-group"][data-flow="${flowName}"][data-class="${errorClass}"]`,
    );
  }

  /** Failed plus in-review transactions the card counts; 0 when the group is not shown. */
  async openCount(flowName: string, errorClass: string): Promise<number> {
    const group = this.group(flowName, errorClass);
    if ((await group.count()) === 0) return 0;
    const text = (await group.getByTestId('error-group-counts').textContent()) ?? '';
    const failed = Number(text.match(/(\d+) failed/)?.[1] ?? 0);
    const review = Number(text.match(/(\d+) in review/)?.[1] ?? 0);
    return failed + review;
  }

  /** Reloads until the group counts at least `atLeast` open failures (the worker needs a moment). */
  async waitForGroup(flowName: string, errorClass: string, atLeast: number) {
    await expect(async () => {
      await this.page.reload();
      expect(await this.openCount(flowName, errorClass)).toBeGreaterThanOrEqual(atLeast);
    }).toPass({ timeout: 30_000 });
  }

  /**
   * Replays the group's default time window (its first to last seen) with a reason and answers
   * the previewed count. Leaves the screen showing the started replay's progress.
   */
  async replayTimeWindow(flowName: string, errorClass: string, reason: string): Promise<number> {
    const group = this.group(flowName, errorClass);
    await group.getByRole('button', { name: /^Replay a time window/ }).click();
    const window = group.getByRole('form', { name: /^Time window to replay/ });
    await expect(window.getByLabel('From')).not.toHaveValue('');
    await expect(window.getByLabel('To (not included)')).not.toHaveValue('');
    await window.getByRole('button', { name: 'Preview window' }).click();
    const dialog = this.page.getByRole('alertdialog');
    const title = dialog.getByRole('heading');
    await expect(title).toHaveText(
      /^\d+ (failed|in review|failed or in review) between .+ — replay \d+\?$/,
    );
    const count = Number((await title.textContent())?.match(/^\d+/)?.[0]);
    await dialog.getByRole('textbox', { name: 'Reason' }).fill(reason);
    await dialog.getByRole('button', { name: `Replay ${count}`, exact: true }).click();
    await expect(dialog).toHaveCount(0);
    return count;
  }

  /** The progress of a replay started on this screen, named by the group's label. */
  replayProgress(label: string): Locator {
    return this.page.getByTestId('error-replay').filter({ hasText: label });
  }
}
