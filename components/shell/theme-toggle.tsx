'use client';

import { useState } from 'react';
import { THEME_COOKIE, THEMES, themeClass, type Theme } from './theme';

const LABEL: Record<Theme, string> = { system: 'System', light: 'Light', dark: 'Dark' };
const YEAR_SECONDS = 365 * 24 * 60 * 60;

/**
 * Light, dark, or whatever the system says. The choice is kept in a cookie (read by the root
 * layout on the next page load) and applied at once by setting the class on <html>.
 */
export function ThemeToggle({ initial }: { initial: Theme }) {
  const [theme, setTheme] = useState<Theme>(initial);
  function choose(next: Theme) {
    setTheme(next);
    document.cookie =
      next === 'system'
        ? `${THEME_COOKIE}=; path=/; max-age=0; samesite=lax`
        : `${THEME_COOKIE}=${next}; path=/; max-age=${YEAR_SECONDS}; samesite=lax`;
    const root = document.documentElement;
    root.classList.remove('light', 'dark');
    const cls = themeClass(next);
    if (cls) root.classList.add(cls);
  }
  return (
    <div role="group" aria-label="Colour theme" className="flex rounded border border-slate-300">
      {THEMES.map((t) => (
        <button
          key={t}
          type="button"
          aria-pressed={theme === t}
          onClick={() => choose(t)}
          className="flex-1 px-2 py-1 text-xs text-slate-700 first:rounded-l last:rounded-r hover:bg-slate-100 aria-pressed:bg-slate-800 aria-pressed:text-white"
        >
          {LABEL[t]}
        </button>
      ))}
    </div>
  );
}
