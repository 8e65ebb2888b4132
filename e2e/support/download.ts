import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';

/** Clicks the link named `name`, waits for the download it starts and answers its name and text. */
export async function downloadText(
  page: Page,
  name: string,
): Promise<{ filename: string; text: string }> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name }).click(),
  ]);
  const path = await download.path();
  return { filename: download.suggestedFilename(), text: await readFile(path, 'utf8') };
}
