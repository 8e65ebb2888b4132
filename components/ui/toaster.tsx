'use client';

import { useEffect, useState } from 'react';
import { Toaster as Sonner } from 'sonner';

type Theme = 'light' | 'dark' | 'system';

/** The console's theme as <html> carries it: a chosen one as its class, else the system's. */
function documentTheme(): Theme {
  const root = document.documentElement.classList;
  return root.contains('dark') ? 'dark' : root.contains('light') ? 'light' : 'system';
}

/**
 * One toast region for the whole console; client components call `toast` from 'sonner'. Toasts
 * follow the page's theme, including a choice made with the toggle after they mounted.
 */
export function Toaster() {
  const [theme, setTheme] = useState<Theme>('system');
  useEffect(() => {
    setTheme(documentTheme());
    const watch = new MutationObserver(() => setTheme(documentTheme()));
    watch.observe(document.documentElement, { attributes: true, attributeFilter: ['class'] });
    return () => watch.disconnect();
  }, []);
  return <Sonner position="bottom-right" theme={theme} richColors closeButton duration={6000} />;
}
