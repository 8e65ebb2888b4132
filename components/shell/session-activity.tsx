'use client';

import { getSession, SessionProvider, useSession } from 'next-auth/react';
import { useEffect, type ReactNode } from 'react';
import { signInPath } from '@/lib/base/callback-path';

/** At most one session refresh per minute while someone is using the tab. */
const REFRESH_EVERY_MS = 60_000;
/** Sign-in, saying why, and back to the page this tab was on afterwards. */
const expired = () =>
  signInPath(`${window.location.pathname}${window.location.search}${window.location.hash}`, {
    reason: 'expired',
  });

/**
 * Keeps the session cookie fresh while the console is in use. Server-rendered pages cannot set
 * cookies, so the idle clock (lib/auth/session-expiry.ts) only moves when the browser reads
 * /api/auth/session: on load, on returning to the tab, and on keyboard or pointer activity. An
 * idle tab is not kept alive; a session that has ended sends the person to sign in.
 */
export function SessionActivity({ children }: { children: ReactNode }) {
  return (
    <SessionProvider refetchOnWindowFocus refetchInterval={0}>
      <ActivityRefresher />
      {children}
    </SessionProvider>
  );
}

function ActivityRefresher() {
  const { status } = useSession();
  useEffect(() => {
    if (status === 'unauthenticated') window.location.assign(expired());
  }, [status]);
  useEffect(() => {
    let last = Date.now();
    let inFlight = false;
    const onActivity = () => {
      if (inFlight || Date.now() - last < REFRESH_EVERY_MS) return;
      inFlight = true;
      last = Date.now();
      getSession()
        .then((session) => {
          if (!session) window.location.assign(expired());
        })
        .catch(() => {}) // offline: try again on the next activity
        .finally(() => {
          inFlight = false;
        });
    };
    const events = ['pointerdown', 'keydown'] as const;
    for (const e of events) window.addEventListener(e, onActivity, { passive: true });
    return () => {
      for (const e of events) window.removeEventListener(e, onActivity);
    };
  }, []);
  return null;
}
