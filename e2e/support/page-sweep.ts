import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

// One visit per page for every read-only check of the sweeps: axe in the light scheme, axe again
// in the dark, and (for the role with the most on screen) no sideways scroll at three widths.
// Loading each page once and switching the scheme and the width on it does the same checks as
// loading it once per scheme and width did, at a fifth of the page loads: the console follows the
// system's scheme live, and the layout is CSS media queries that follow the window.

const WIDTHS = [
  { width: 390, height: 844 },
  { width: 1920, height: 1080 },
  { width: 1280, height: 800 },
] as const;

/**
 * The rules whose result can change with the colour scheme. Switching the scheme swaps colour
 * variables on the same document, so every structural rule (names, roles, landmarks, labels) reads
 * exactly what it read in the light pass: the dark pass asks only what colours can change.
 */
const COLOUR_RULES = ['color-contrast', 'link-in-text-block'];

/**
 * axe as every spec runs it. Legacy mode: axe runs in the page itself, as it did before 4.3,
 * instead of opening a blank page per analysis to gather each frame's results there (which only
 * cross-origin frames need, and the console has no frames): 0.5-0.8 s less per analysis, half of
 * a small page's (1.45 -> 0.61 s on the overview, 16 -> 11 s on the API reference). Only
 * violations are read: axe then builds selectors and details for the failing nodes alone, not for
 * the thousands that pass (axe-core's API documentation, "Performance").
 */
export function axeFor(page: Page): AxeBuilder {
  return new AxeBuilder({ page }).setLegacyMode(true).options({ resultTypes: ['violations'] });
}

/** axe's serious and critical violations of the page (or of `scope`), each naming rule and nodes. */
export async function seriousViolations(
  page: Page,
  options: { scope?: string; onlyColour?: boolean } = {},
): Promise<string[]> {
  let builder = axeFor(page);
  if (options.scope) builder = builder.include(options.scope);
  if (options.onlyColour) builder = builder.withRules(COLOUR_RULES);
  const result = await builder.analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} — ${v.help} (${v.nodes.length}×: ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(' '))
          .join(' | ')})`,
    );
}

/** Document width vs viewport, and what sticks out when they differ (to find the culprit). */
export async function sideways(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    const { scrollWidth } = document.documentElement;
    const innerWidth = window.innerWidth;
    if (scrollWidth === innerWidth) return null;
    const culprits = Array.from(document.querySelectorAll('body *'))
      .filter((el) => el.getBoundingClientRect().right > innerWidth + 1)
      .slice(-3)
      .map((el) => `${el.tagName.toLowerCase()}.${el.className.toString().slice(0, 60)}`);
    return `${scrollWidth} px wide in ${innerWidth} (${culprits.join(' | ')})`;
  });
}

/** Two animation frames: styles and layout after a scheme or size change have been applied. */
async function settled(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((resolve) =>
        requestAnimationFrame(() => requestAnimationFrame(() => resolve())),
      ),
  );
}

/**
 * axe must read a still page: the screens that poll (overview, a transaction or journey in
 * motion, a running reconciliation) re-render every few seconds, and a refresh landing during an
 * analysis reports the half-replaced page. They poll only while the tab is visible
 * (components/ui/auto-refresh.tsx), so the sweep's tab says it is hidden.
 */
async function holdStill(page: Page): Promise<void> {
  await page.addInitScript(() =>
    Object.defineProperty(document, 'visibilityState', { get: () => 'hidden' }),
  );
}

/**
 * Visits every page of `paths` once: axe in light and in dark, and with `widths` no sideways
 * scroll at each of WIDTHS. Returns the problems, each naming the page (and scheme or width).
 */
export async function sweepPages(
  page: Page,
  paths: Record<string, string>,
  options: { widths: boolean },
): Promise<string[]> {
  await holdStill(page);
  const problems: string[] = [];
  for (const [name, path] of Object.entries(paths)) {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.emulateMedia({ colorScheme: 'light' });
    const response = await page.goto(path);
    expect(response?.status(), `${name} (${path})`).toBeLessThan(400);
    await page.waitForLoadState('networkidle');
    for (const v of await seriousViolations(page)) problems.push(`${name} (light): ${v}`);
    await page.emulateMedia({ colorScheme: 'dark' });
    await settled(page);
    for (const v of await seriousViolations(page, { onlyColour: true }))
      problems.push(`${name} (dark): ${v}`);
    if (options.widths) problems.push(...(await sidewaysAtEveryWidth(page, `${name} (${path})`)));
  }
  return problems;
}

/** The page at each of WIDTHS: what scrolls sideways, each problem naming `name` and the width. */
export async function sidewaysAtEveryWidth(page: Page, name: string): Promise<string[]> {
  const problems: string[] = [];
  for (const viewport of WIDTHS) {
    await page.setViewportSize(viewport);
    await settled(page);
    const wide = await sideways(page);
    if (wide) problems.push(`${name} at ${viewport.width} px is ${wide}`);
  }
  return problems;
}
