'use client';

import { useRouter } from 'next/navigation';
import { useEffect } from 'react';

/**
 * Re-renders the current route every `everyMs` while `active` (e.g. while a replay batch runs or a
 * transaction is being dispatched). The server decides `active` on each render, so polling stops
 * by itself once there is nothing left to watch.
 */
export function AutoRefresh({ active, everyMs = 2000 }: { active: boolean; everyMs?: number }) {
  const router = useRouter();
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => {
      // A hidden tab need not poll; it refreshes when the user comes back to it.
      if (document.visibilityState === 'visible') router.refresh();
    }, everyMs);
    return () => clearInterval(timer);
  }, [active, everyMs, router]);
  return null;
}
