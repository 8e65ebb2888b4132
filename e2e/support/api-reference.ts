import type { Page } from '@playwright/test';

/** Opens every operation's "Parameters, request and responses" disclosure, or every other one
 *  (`half` 0 or 1: the even or the odd ones, in document order). */
export async function openEveryOperation(page: Page, half?: 0 | 1) {
  await page.evaluate((which) => {
    const all = Array.from(document.querySelectorAll('main details'));
    all.forEach((d, i) => {
      if (which === null || i % 2 === which) d.setAttribute('open', '');
    });
  }, half ?? null);
}
