'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useRef } from 'react';
import { canonicalTimeZone, TIME_ZONE_COOKIE } from '@/lib/base/time-format';
import type { TimeZoneValue } from './time-zone-context';

const YEAR_SECONDS = 365 * 24 * 3600;

function cookieZone(): string | null {
  const pair = document.cookie.split('; ').find((c) => c.startsWith(`${TIME_ZONE_COOKIE}=`));
  return pair ? decodeURIComponent(pair.slice(TIME_ZONE_COOKIE.length + 1)) : null;
}

/**
 * Tells the server the browser's time zone (a cookie its components read). When the cookie was
 * missing or named another zone (first visit, a laptop that travelled), this page was rendered
 * without it: unless a profile choice stands, it is rendered again, once.
 * `rendered` is absent where nothing on the page shows a time (the sign-in page).
 */
export function TimeZoneSync({ rendered }: { rendered?: TimeZoneValue }) {
  const router = useRouter();
  const refreshed = useRef(false);
  useEffect(() => {
    const browser = canonicalTimeZone(Intl.DateTimeFormat().resolvedOptions().timeZone);
    if (!browser || cookieZone() === browser) return; // the server already read this zone
    const secure = window.location.protocol === 'https:' ? '; Secure' : '';
    document.cookie = `${TIME_ZONE_COOKIE}=${encodeURIComponent(browser)}; Path=/; Max-Age=${YEAR_SECONDS}; SameSite=Lax${secure}`;
    // Render again only when the cookie took (a browser refusing cookies must not loop), no
    // profile choice overrides it, and only once per page.
    if (
      rendered &&
      rendered.source !== 'profile' &&
      cookieZone() === browser &&
      !refreshed.current
    ) {
      refreshed.current = true;
      router.refresh();
    }
  }, [rendered, router]);
  return null;
}
