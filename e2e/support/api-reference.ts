import type { Page } from '@playwright/test';

/** Opens every operation's "Parameters, request and responses" disclosure. */
export async function openEveryOperation(page: Page) {
  await page.evaluate(() => {
    for (const d of Array.from(document.querySelectorAll('main details')))
      d.setAttribute('open', '');
  });
}
