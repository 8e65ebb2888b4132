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
 * Tells the server the browser's time zone (a cookie its components read). When this page was
 * rendered in another zone (first visit, a laptop that travelled, or a cookie the previous page
 * set only after this page's request had left), it is rendered again, once, unless a profile
 * choice stands. What decides is the zone the page was rendered with, not the cookie found now:
 * the cookie can already be right while the page in front of the person is not.
 * `rendered` is absent where nothing on the page shows a time (the sign-in page).
 */
export function TimeZoneSync({ rendered }: { rendered?: TimeZoneValue }) {
  const router = useRouter();
  const refreshed = useRef(false);
  useEffect(() => {
    const browser = canonicalTimeZone(Intl.DateTimeFormat().resolvedOptions().timeZone);
    if (!browser) return;
    if (cookieZone() !== browser) {
      const secure = window.location.protocol === 'https:' ? '; Secure' : '';
      document.cookie = `${TIME_ZONE_COOKIE}=${encodeURIComponent(browser)}; Path=/; Max-Age=${YEAR_SECONDS}; SameSite=Lax${secure}`;
    }
    // Render again only when the cookie took (a browser refusing cookies must not loop), no
    // profile choice overrides it, and only once per page.
    if (
      rendered &&
      rendered.source !== 'profile' &&
      rendered.zone !== browser &&
      cookieZone() === browser &&
      !refreshed.current
    ) {
      refreshed.current = true;
      router.refresh();
    }
  }, [rendered, router]);
  return null;
}
