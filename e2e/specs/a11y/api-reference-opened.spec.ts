import { openEveryOperation } from '../../support/api-reference';
import { expect, test } from '../../support';
import { seriousViolations } from '../../support/page-sweep';

// The API reference page with its operations opened (about two thousand schema rows): axe finds
// no serious violation and nothing scrolls sideways at 390 px. Every operation is read once: the
// even ones in the light scheme, the odd ones in the dark (the schema tables of every operation
// share the same few styles, so each style's contrast is still checked in both schemes; reading
// all of them twice was two minutes of axe). Read-only: it runs with the other sweeps.

for (const [half, colorScheme] of [
  [0, 'light'],
  [1, 'dark'],
] as const)
  test(`every other operation opened: no serious accessibility violations, no sideways scroll at 390 px (${colorScheme})`, async ({
    page,
    login,
  }) => {
    // about a thousand schema rows for axe to read
    test.setTimeout(180_000);
    await page.emulateMedia({ colorScheme });
    await login.signInAs('viewer');
    await page.goto('/api-reference');
    await page.waitForLoadState('networkidle');
    await openEveryOperation(page, half);
    expect(await seriousViolations(page, { scope: 'main' })).toEqual([]);

    await page.setViewportSize({ width: 390, height: 844 });
    const width = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      inner: window.innerWidth,
    }));
    expect(width.scroll).toBe(width.inner);
  });
