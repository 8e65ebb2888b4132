import { expect, type Locator, type Page } from '@playwright/test';

/** The Cmd-K palette (mounted in the console header) and the order journey it lands on. */
export class SearchPalette {
  constructor(private readonly page: Page) {}

  input(): Locator {
    return this.page.getByRole('combobox', { name: 'Search orders' });
  }

  options(): Locator {
    return this.page.getByRole('option');
  }

  /** Interaction 1: the shortcut, wherever focus is (outside a text field). */
  async open() {
    await this.page.keyboard.press('ControlOrMeta+k');
    await expect(this.input()).toBeFocused();
  }

  /**
   * The support agent's three interactions: open (1), type the order number (2), Enter (3).
   * Enter is pressed at once on purpose: the palette must wait for the answer itself.
   */
  async findOrder(orderNumber: number | string) {
    await this.open();
    await this.input().fill(String(orderNumber));
    await this.page.keyboard.press('Enter');
    await expect(this.page).toHaveURL(new RegExp(`/orders/${orderNumber}$`));
    await expect(
      this.page.getByRole('heading', { name: `Order #${orderNumber}`, level: 1 }),
    ).toBeVisible();
  }

  /** The journey's card of one transaction, named by its flow. */
  step(flowName: string): Locator {
    return this.page.getByTestId('journey-step').filter({ hasText: flowName });
  }

  summary(): Locator {
    return this.page.getByTestId('journey-summary');
  }
}
