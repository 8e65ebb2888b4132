import { openEveryOperation } from '../../support/api-reference';
import { expect, test } from '../../support';
import { seriousViolations, sidewaysAtEveryWidth } from '../../support/page-sweep';

// The API reference page with its operations opened (about two thousand schema rows): axe finds
// no serious violation and nothing scrolls sideways at 390, 1280 or 1920 px. Every operation is read once: the
// even ones in the light scheme, the odd ones in the dark (the schema tables of every operation
// share the same few styles, so each style's contrast is still checked in both schemes; reading
// all of them twice was two minutes of axe). The admin reads it in light, the viewer in dark (their
// pages differ in one sentence, a link for the admin): this is the sweeps' check of the page, which
// the console sweep leaves out (e2e/support/console-paths.ts). Read-only: it runs with the other
// sweeps.

for (const [half, colorScheme, role] of [
  [0, 'light', 'admin'],
  [1, 'dark', 'viewer'],
] as const)
  test(`every other operation opened: no serious accessibility violations, no sideways scroll at 390, 1280 and 1920 px (${colorScheme}, ${role})`, async ({
    page,
    login,
  }) => {
    // about a thousand schema rows for axe to read
    test.setTimeout(180_000);
    await page.emulateMedia({ colorScheme });
    await login.signInAs(role);
    await page.goto('/api-reference');
    await page.waitForLoadState('networkidle');
    await openEveryOperation(page, half);
    expect(await seriousViolations(page, { scope: 'main' })).toEqual([]);

    expect(await sidewaysAtEveryWidth(page, 'API reference')).toEqual([]);
  });
