// The colour theme a person chose. No cookie means "follow the system" (prefers-color-scheme);
// the root layout puts the choice on <html> server-side, so there is no flash and no inline
// script (the CSP allows none).
export const THEME_COOKIE = 'waybill-theme';
export const THEMES = ['system', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

export function parseTheme(value: string | undefined): Theme {
  return value === 'light' || value === 'dark' ? value : 'system';
}

/** The class on <html>: none when following the system (the CSS media query decides). */
export function themeClass(theme: Theme): string | undefined {
  return theme === 'system' ? undefined : theme;
}
